<?php
namespace App;

class Listener
{
    public function __construct(string $event = '') {}
}
