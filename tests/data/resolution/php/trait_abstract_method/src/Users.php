<?php
namespace App;

class Users
{
    use HasTable;

    protected function table(): string { return 'users'; }

    public function sql(): string { return $this->from(); }
}
