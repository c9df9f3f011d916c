<?php
namespace App;

class Repo
{
    public function all(): array { return []; }
}
