<?php
namespace App;

class User
{
    public static function find(int $id): ?self { return null; }
}

function helper(): void {}
