<?php
namespace Geo;

class Circle implements Shape
{
    public function area(): float { return 3.14; }
}
