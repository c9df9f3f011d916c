<?php
namespace App;

use App\Models\User;

class Base
{
    public function __construct(protected string $name = '') {}

    public function hello(): string
    {
        return 'hi';
    }

    public static function make(): static
    {
        return new static();
    }
}

class Greeter extends Base
{
    public function __construct(string $name)
    {
        parent::__construct($name);
    }

    public function greet(User $user, $other): string
    {
        $x = new Base();
        $x->hello();
        $user->notify($this->hello());
        $other->whatever();
        $fn = 'strlen';
        $fn('x');
        $m = 'hello';
        $this->$m();
        $class = Base::class;
        $class::make();
        $copy = clone $user;
        return parent::hello() . self::make()->hello() . static::make()->hello()
            . User::query()->where('a')->first()->name;
    }
}

function free(): Greeter
{
    $g = new Greeter('x');
    $g->greet(new User(), null);
    return $g;
}

free()->hello();
