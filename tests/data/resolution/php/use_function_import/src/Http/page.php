<?php
namespace App\Http;

use function App\Support\slugify;
use function App\Support\title as heading;

function page(string $t): string {
    return heading(slugify($t));
}
