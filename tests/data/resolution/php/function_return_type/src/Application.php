<?php
namespace Core;

class Application
{
    public function make(string $id): object { return new \stdClass(); }
}
