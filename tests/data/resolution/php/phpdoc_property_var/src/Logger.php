<?php
namespace App;

class Logger
{
    public function info(string $m): void {}
}
