<?php
namespace App;

class User
{
    public function name(): string { return ''; }
}

function label(User $u): string { return $u->name(); }

function labels(array $users): array {
    $f = function (User $u) { return label($u); };
    return array_map(fn(User $u) => $u->name(), $users);
}
