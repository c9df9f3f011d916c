<?php
namespace App;

use Symfony\Component\HttpKernel\Kernel as BaseKernel;

class Kernel extends BaseKernel
{
    public function start(): void
    {
        $this->boot();
    }
}
