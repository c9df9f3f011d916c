<?php
namespace App;

function show(int $c): string {
    return Money::of($c)->format();
}
