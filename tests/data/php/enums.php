<?php
namespace Cards;

interface HasColor
{
    public function color(): string;
}

enum Suit: string implements HasColor
{
    use \Cards\Describes;

    case Hearts = 'H';
    case Spades = 'S';

    const Wild = self::Spades;

    public function color(): string
    {
        return match ($this) {
            self::Hearts => 'Red',
            self::Spades => 'Black',
        };
    }

    public static function fromChar(string $c): self
    {
        return self::from($c);
    }
}

enum Size
{
    case Small;
    case Large;
}

function pick(): string
{
    return Suit::Hearts->color() . Suit::fromChar('S')->color();
}
