<?php
abstract class Job
{
    abstract protected function handle(): void;

    public function run(): void
    {
        $this->handle();
    }
}
