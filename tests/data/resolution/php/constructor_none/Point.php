<?php
final class Point
{
    public int $x = 0;
    public function norm(): int { return $this->x; }
}

function origin(): int {
    $p = new Point();
    return $p->norm();
}
