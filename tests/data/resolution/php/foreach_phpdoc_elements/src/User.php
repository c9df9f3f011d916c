<?php
namespace App;

class User
{
    public function notify(): void {}
    public function archive(): void {}
}
