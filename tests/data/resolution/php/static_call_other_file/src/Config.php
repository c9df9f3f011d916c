<?php
namespace App;

final class Config
{
    public static function get(string $k): mixed { return null; }
}
