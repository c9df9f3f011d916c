<?php
namespace App\Concerns;

trait Loggable
{
    public function log(string $m): void {}
}
