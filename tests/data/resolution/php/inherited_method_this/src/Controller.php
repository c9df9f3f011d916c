<?php
namespace App\Http;

class Controller
{
    protected function log(string $m): void {}
}
