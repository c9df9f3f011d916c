<?php
namespace App;

class UserService
{
    public function __construct(private readonly UserRepo $repo) {}

    public function get(int $id): ?array
    {
        return $this->repo->find($id);
    }
}
