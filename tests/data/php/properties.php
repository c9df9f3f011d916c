<?php
namespace App;

use App\Db\Connection;

class Repository
{
    private ?Connection $db = null;
    protected static self $instance;
    public $untyped;
    public readonly int $count;
    private Cache|Store $either;
    var $old;

    public function __construct(
        private readonly Logger $logger,
        protected ?Clock $clock = null,
        public int $limit = 10,
        string $plain = '',
    ) {
        $this->mailer = new Mailer($plain);
        $this->untyped = new Untyped();
    }

    public function run(): void
    {
        $this->db->query('x');
        $this->logger->info('run');
        $this->clock?->now();
        $this->mailer->send();
        $this->untyped->go();
        $this->either->get();
        self::$instance->run();
        static::$instance->logger->info('s');
    }
}
