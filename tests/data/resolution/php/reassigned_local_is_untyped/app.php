<?php
class A
{
    public function run(): void {}
}

class B
{
    public function run(): void {}
}

function pick(bool $c) {
    $x = new A();
    if ($c) {
        $x = new B();
    }
    $x->run();
}
