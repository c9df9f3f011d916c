<?php
namespace App;

interface Cache
{
    public function get(string $k): mixed;
}
