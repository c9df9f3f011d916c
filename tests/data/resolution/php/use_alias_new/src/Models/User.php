<?php
namespace App\Models;

class User
{
    public function __construct(private string $name) {}
    public function save(): void {}
}
