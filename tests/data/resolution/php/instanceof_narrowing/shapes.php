<?php
namespace Geo;

interface Shape
{
    public function area(): float;
}

class Circle implements Shape
{
    public function area(): float { return 1.0; }
    public function radius(): float { return 1.0; }
}

function describe(Shape $s): float {
    if ($s instanceof Circle) {
        return $s->radius();
    }
    return $s->area();
}
