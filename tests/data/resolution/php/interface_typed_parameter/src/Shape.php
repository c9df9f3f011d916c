<?php
namespace Geo;

interface Shape
{
    public function area(): float;
}
