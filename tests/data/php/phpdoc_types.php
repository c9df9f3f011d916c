<?php
namespace Legacy;

use Lib\Mailer;

class Service
{
    /** @var Mailer */
    private $mailer;

    /** @var \Lib\Cache|null */
    protected $cache;

    /** @var array<int, Mailer> */
    private $many;

    /**
     * @param Mailer $mailer
     * @param int $retries
     * @return self
     */
    public function with($mailer, $retries)
    {
        $mailer->send();
        return $this;
    }

    /**
     * @return \Lib\Message
     */
    public function compose()
    {
        $this->mailer->send();
        $this->cache->get('k');
        /** @var Mailer $other */
        $other = $this->locate('mailer');
        $other->queue();
        if (!$other instanceof \Lib\SmtpMailer) {
            return null;
        }
        $other->connect();
        return $this->with($other, 1)->compose()->render();
    }
}
