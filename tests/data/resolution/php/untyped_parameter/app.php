<?php
class Door
{
    public function open(): void {}
}

function enter($door) {
    $door->open();
}
