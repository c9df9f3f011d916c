<?php
namespace Cards;

enum Suit: string
{
    case Hearts = 'H';
    case Spades = 'S';

    const Wild = self::Spades;

    public function color(): string
    {
        return $this->isRed() ? 'Red' : 'Black';
    }

    private function isRed(): bool { return $this === self::Hearts; }

    public static function fromChar(string $c): self
    {
        return self::from($c);
    }
}
