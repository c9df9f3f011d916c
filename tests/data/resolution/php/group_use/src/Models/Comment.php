<?php
namespace App\Models;

class Comment
{
    public function approve(): void {}
}
