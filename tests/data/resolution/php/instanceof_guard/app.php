<?php
class User
{
    public function email(): string { return ''; }
}

class Admin
{
    public function grant(): void {}
}

function mail_to(object $u): string {
    if (!$u instanceof User) {
        throw new InvalidArgumentException('no user');
    }
    return $u->email();
}

function promote(object $a): void {
    assert($a instanceof Admin);
    $a->grant();
}
