<?php
namespace App\Support;

use function App\Other\helper;

/**
 * Turns a title into a slug.
 *
 * @param string $title the title
 * @return string
 */
function slugify(string $title, string $sep = '-'): string
{
    return strtolower(trim($title));
}

function &refs(array &$xs)
{
    return $xs;
}

function untyped($a, $b = null)
{
    helper($a);
    return slugify($a) . \App\Other\format($b) . Other\format($b);
}

function variadic(int ...$xs): int
{
    return array_sum($xs);
}

if (!function_exists('App\Support\tap')) {
    function tap($value, ?callable $f = null)
    {
        return $value;
    }
}
