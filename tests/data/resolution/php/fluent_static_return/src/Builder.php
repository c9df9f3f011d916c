<?php
namespace Db;

class Builder
{
    public function where(string $c): static { return $this; }
    public function get(): array { return []; }
}
