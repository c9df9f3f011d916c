<?php
namespace App;

class UserRepo
{
    public function find(int $id): ?array { return null; }
}
