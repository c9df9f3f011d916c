<?php
namespace App;

class Job
{
    public function run(): int
    {
        $c = new \Lib\Clock();
        $c->tick();
        return \Lib\Clock::now();
    }
}
