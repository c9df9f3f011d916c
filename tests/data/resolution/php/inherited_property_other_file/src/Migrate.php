<?php
namespace App;

class Migrate extends Command
{
    public function run(): void
    {
        $this->logger->info('migrating');
    }
}
