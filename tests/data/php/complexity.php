<?php
function classify(?int $x, array $xs): string
{
    if ($x === null || $x < 0) {
        return 'none';
    } elseif ($x > 10 and $x < 20) {
        return 'teen';
    } else if ($x > 100) {
        return 'big';
    }
    foreach ($xs as $k => $v) {
        for ($i = 0; $i < $v; $i++) {
            while ($i-- > 0) {
                do {
                    $v--;
                } while ($v > 0);
            }
        }
    }
    switch ($x) {
        case 1:
        case 2:
            break;
        default:
            break;
    }
    try {
        $y = $x ?: 1;
        $z = $x ?? 2;
        $w = $x ? 3 : 4;
    } catch (\TypeError | \ValueError $e) {
    } catch (\Exception $e) {
    } finally {
    }
    $f = fn($a) => $a && $b;
    return match (true) {
        $x < 5, $x > 50 => 'edge',
        $x < 9 => 'small',
        default => 'mid',
    };
}

function simple(): void
{
}
