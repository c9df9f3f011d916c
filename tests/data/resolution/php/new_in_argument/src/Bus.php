<?php
namespace App;

class Bus
{
    public function boot(): void
    {
        $this->register(new Listener('x'));
    }
    public function register(Listener $l): void {}
}
