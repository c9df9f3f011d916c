<?php
namespace App;

final class Money
{
    private function __construct(private int $cents) {}
    public static function of(int $c): self { return new self($c); }
    public function format(): string { return (string) $this->cents; }
}
