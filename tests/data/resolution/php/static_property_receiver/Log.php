<?php
class Writer
{
    public function write(string $m): void {}
}

class Log
{
    private static Writer $writer;

    public static function info(string $m): void
    {
        self::$writer->write($m);
    }
}
