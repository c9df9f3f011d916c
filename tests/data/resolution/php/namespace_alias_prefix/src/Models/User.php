<?php
namespace App\Models;

class User
{
    public static function first(): ?self { return null; }
}
