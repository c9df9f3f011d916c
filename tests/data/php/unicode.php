<?php
namespace Ünïcödé;

/** Grüße. */
class Café
{
    public function naïve(string $straße): string
    {
        return mb_strtoupper($straße) . $this->日本();
    }

    public function 日本(): string
    {
        return '語';
    }
}
