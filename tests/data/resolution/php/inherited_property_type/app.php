<?php
class Logger
{
    public function info(string $m): void {}
}

abstract class Command
{
    protected Logger $logger;
}

class Migrate extends Command
{
    public function run(): void
    {
        $this->logger->info('migrating');
    }
}
