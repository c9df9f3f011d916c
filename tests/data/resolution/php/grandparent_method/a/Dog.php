<?php
namespace Zoo;

class Dog extends Mammal
{
    public function live(): void
    {
        $this->breathe();
    }
}
