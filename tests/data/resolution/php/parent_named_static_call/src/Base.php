<?php
namespace App;

class Base
{
    public static function helper(): int { return 1; }
}
