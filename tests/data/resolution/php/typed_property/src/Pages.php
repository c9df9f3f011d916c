<?php
namespace App;

class Pages
{
    private Cache $cache;

    public function show(string $slug): mixed
    {
        return $this->cache->get($slug);
    }
}
