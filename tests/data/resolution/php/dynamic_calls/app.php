<?php
class Handler
{
    public function run(): void {}
}

function dispatch(string $fn, object $o, string $m) {
    $fn();
    $o->$m();
    call_user_func([$o, $m]);
}
