<?php
class Logger
{
    public function info(string $m): void {}
}

function make_handler(Logger $log): object {
    return new class($log) {
        public function __construct(private Logger $log) {}
        public function handle(): void { $this->log->info($this->message()); }
        private function message(): string { return 'hi'; }
    };
}
