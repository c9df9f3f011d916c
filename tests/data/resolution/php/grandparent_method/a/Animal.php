<?php
namespace Zoo;

class Animal
{
    public function breathe(): void {}
}
