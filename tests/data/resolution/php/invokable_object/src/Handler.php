<?php
namespace App;

final class Handler
{
    public function __invoke(string $e): void {}
}
