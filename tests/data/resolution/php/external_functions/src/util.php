<?php
namespace App;

function normalize(array $xs): string {
    $xs = array_map('trim', $xs);
    return \json_encode($xs) . strlen('x');
}
