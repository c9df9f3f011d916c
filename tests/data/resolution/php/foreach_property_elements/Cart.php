<?php
class Item
{
    public function price(): int { return 1; }
}

class Cart
{
    /** @var Item[] */
    private array $items = [];

    public function total(): int
    {
        $sum = 0;
        foreach ($this->items as $item) {
            $sum += $item->price();
        }
        return $sum;
    }
}
