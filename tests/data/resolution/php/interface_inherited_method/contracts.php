<?php
namespace Contracts;

interface Readable
{
    public function read(): string;
}

interface Stream extends Readable
{
    public function close(): void;
}
