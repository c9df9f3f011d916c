<?php
namespace App;

class Job
{
    /** @var Logger|null */
    private $logger;

    public function run(): void
    {
        $this->logger->info('run');
    }
}
