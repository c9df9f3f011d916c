<?php
namespace Tests;

use App\Calc;
use PHPUnit\Framework\TestCase;

final class CalcTest extends TestCase
{
    public function testAdd(): void
    {
        $calc = new Calc();
        $this->assertSame(3, $calc->add(1, 2));
    }
}
