<?php
namespace App\Models;

class Post
{
    public static function all(): array { return []; }
}
