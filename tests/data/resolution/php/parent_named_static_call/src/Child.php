<?php
namespace App;

class Child extends Base
{
    public function go(): int { return Base::helper() + static::helper(); }
}
