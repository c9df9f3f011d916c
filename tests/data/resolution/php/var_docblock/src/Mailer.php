<?php
namespace App;

class Mailer
{
    public function send(string $to): void {}
}
