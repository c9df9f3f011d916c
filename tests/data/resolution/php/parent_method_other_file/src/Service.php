<?php
namespace App;

class Service extends Base
{
    public function boot(): void
    {
        parent::boot();
    }
}
