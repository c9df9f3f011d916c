<?php
class Db
{
    public function query(string $q): array { return []; }
}

class Repo
{
    public function __construct(private Db $db) {}

    public function all(): array
    {
        $db = $this->db;
        return $db->query('select');
    }
}
