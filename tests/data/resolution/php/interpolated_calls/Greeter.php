<?php
class Greeter
{
    public function name(): string { return 'x'; }
    public function title(): string { return 'y'; }

    public function greet(): string
    {
        $a = "Hello {$this->name()}";
        return $a . <<<TXT
        Dear {$this->title()}
        TXT;
    }
}
