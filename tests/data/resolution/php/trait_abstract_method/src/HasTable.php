<?php
namespace App;

trait HasTable
{
    abstract protected function table(): string;

    public function from(): string
    {
        return 'from ' . $this->table();
    }
}
