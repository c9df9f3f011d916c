<?php
namespace App;

final class Money
{
    public function __construct(private int $cents) {}
    public function add(Money $o): Money { return new Money($this->cents + $o->cents); }
}
