<?php
namespace Other;

class Clock
{
    public static function now(): int { return 1; }
}
