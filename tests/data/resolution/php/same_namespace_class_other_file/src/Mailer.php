<?php
namespace App;

class Mailer
{
    public function send(string $to): bool { return true; }
}
