<?php
namespace App;

enum Status: string
{
    case Draft = 'draft';
    case Live = 'live';

    public function label(): string { return ucfirst($this->value); }
}
