<?php
namespace App;

use App\Concerns\Loggable;

class Job
{
    use Loggable;

    public function handle(): void
    {
        $this->log('start');
    }
}
