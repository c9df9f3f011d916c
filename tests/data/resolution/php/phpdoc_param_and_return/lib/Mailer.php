<?php
namespace Mail;

class Mailer
{
    public function send($to) { return true; }
}

class Message
{
    public function body() { return ''; }
}
