<?php
namespace Mail;

/**
 * @param Mailer $mailer
 * @return Message
 */
function compose($mailer)
{
    $mailer->send('x');
    return new Message();
}

function preview($m) {
    return compose($m)->body();
}
