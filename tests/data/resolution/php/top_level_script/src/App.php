<?php
namespace Acme;

class App
{
    public function run(): int { return 0; }
}
