<?php
namespace Core;

class Registry
{
    public static function make(): static { return new static(); }
    public static function boot(): void
    {
        self::make();
        static::register();
    }
    protected static function register(): void {}
}
