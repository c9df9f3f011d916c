<?php
class Notifier
{
    private $mailer;

    public function __construct()
    {
        $this->mailer = new Mailer();
    }

    public function notify(string $to): void
    {
        $this->mailer->send($to);
    }
}
