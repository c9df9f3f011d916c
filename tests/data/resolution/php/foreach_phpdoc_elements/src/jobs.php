<?php
namespace App;

/**
 * @param User[] $users
 */
function notify_all(array $users): void {
    foreach ($users as $user) {
        $user->notify();
    }
}

function archive_all(array $rows): void {
    /** @var array<int, User> $found */
    $found = load($rows);
    foreach ($found as $i => $user) {
        $user->archive();
    }
}
