<?php
namespace App\Contracts;

interface Readable
{
    public const CHUNK = 1024;

    public function read(int $n = self::CHUNK): string;
}

interface Stream extends Readable, \Countable
{
    public function close(): void;
}

trait Buffers
{
    private string $buffer = '';

    public function flush(): void
    {
        $this->buffer = '';
    }
}

trait Logs
{
    abstract protected function channel(): string;

    public function log(string $m): void
    {
        error_log($this->channel() . $m);
    }
}

class FileStream implements Stream
{
    use Buffers, Logs {
        Logs::log insteadof Buffers;
    }

    public function read(int $n = self::CHUNK): string
    {
        $this->log('read');
        return '';
    }

    public function close(): void
    {
        $this->flush();
    }

    public function count(): int
    {
        return 0;
    }

    protected function channel(): string
    {
        return 'file';
    }
}
