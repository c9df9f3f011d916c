<?php
namespace Geo;

function report(Shape $s): float {
    return $s->area();
}
