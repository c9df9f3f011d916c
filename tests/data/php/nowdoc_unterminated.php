<?php
class Templates
{
    public function ok(): string
    {
        return <<<'TXT'
        fine
        TXT;
    }

    public function broken(): string
    {
        return <<<'TXT'
        never closed $x {$y}
    }
}
