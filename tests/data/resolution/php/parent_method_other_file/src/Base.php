<?php
namespace App;

abstract class Base
{
    public function boot(): void {}
}
