<?php
namespace App;

class Stack
{
    public function push(mixed $x): void {}
    public function pop(): mixed { return null; }
}
