<?php
class Store
{
    public function get($k) { return null; }
    public function clear(): void {}
}

trait Memoizes
{
    public function get($k) { return 1; }
}

class Cache extends Store
{
    use Memoizes;

    public function warm(): void
    {
        $this->get('a');
        $this->clear();
    }
}
