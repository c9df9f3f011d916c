<?php
namespace App;

use Psr\Container\ContainerInterface;

function notify(ContainerInterface $c): void {
    /** @var Mailer $mailer */
    $mailer = $c->get('mailer');
    $mailer->send('a@b.c');
}
