<?php
namespace Tests;

use App\Money;
use PHPUnit\Framework\Attributes\Test;
use PHPUnit\Framework\TestCase;

class MoneyTest extends TestCase
{
    private function money(int $c): Money
    {
        return new Money($c);
    }

    #[Test]
    public function adds(): void
    {
        $sum = $this->money(1)->add($this->money(2));
    }
}
