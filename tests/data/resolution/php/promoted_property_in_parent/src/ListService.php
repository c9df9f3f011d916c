<?php
namespace App;

class ListService extends BaseService
{
    public function list(): array
    {
        return $this->repo->all();
    }
}
