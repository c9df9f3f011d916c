<?php
class Mailer
{
    public function send(string $to): void {}
}
