<?php
namespace Db;

class UserQuery extends Builder
{
    public function active(): static { return $this->where('active'); }
}
