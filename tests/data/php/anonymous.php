<?php
namespace App;

interface Handler
{
    public function handle(): void;
}

function make(Logger $log): Handler
{
    return new class($log) implements Handler {
        public function __construct(private Logger $log) {}

        public function handle(): void
        {
            $this->log->info($this->message());
            $inner = new class {
                public function deep(): int { return 1; }
            };
            $inner->deep();
        }

        private function message(): string
        {
            return 'hi';
        }
    };
}

$h = new class extends Base {};
