<?php
namespace Cards;

function deal(string $c): string {
    $s = Suit::fromChar($c);
    return $s->color();
}
