<?php
namespace App;

use DateTimeImmutable;

class Clock
{
    public function __construct(private \PDO $db) {}

    public function now(): string
    {
        $d = new DateTimeImmutable('now');
        $this->db->prepare('select 1');
        return $d->format('c');
    }
}
