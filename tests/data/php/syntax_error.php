<?php
namespace Broken;

class Half
{
    public function fine(): void
    {
        $this->other();
    }

    public function bad(: void
    {
        if ($x {
            call_me();
    }

    public function other(): void {}
}

function after() {
    return new Half();
