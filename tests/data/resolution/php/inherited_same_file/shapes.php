<?php
class Shape
{
    public static function create(): static { return new static(); }
    public function name(): string { return 'shape'; }
}

class Square extends Shape
{
    public function describe(): string
    {
        return $this->name();
    }
}

function main() {
    $s = Square::create();
    return $s->describe();
}
