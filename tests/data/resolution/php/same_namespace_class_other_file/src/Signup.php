<?php
namespace App;

class Signup
{
    public function run(): void
    {
        $mailer = new Mailer();
        $mailer->send('a@b.c');
    }
}
