<?php
namespace Shop;

class Cart
{
    public function total(): int { return 0; }
}

function price(?Cart $cart): ?int {
    return $cart?->total();
}
