<?php
namespace Tests\Unit;

use App\Calc;
use PHPUnit\Framework\Attributes\Test;
use PHPUnit\Framework\TestCase;

final class CalcTest extends TestCase
{
    private Calc $calc;

    protected function setUp(): void
    {
        $this->calc = new Calc();
    }

    public function testAdds(): void
    {
        $this->assertSame(3, $this->calc->add(1, 2));
    }

    /**
     * @test
     */
    public function it_subtracts(): void
    {
        $this->assertSame(1, $this->calc->sub(2, 1));
    }

    #[Test]
    public function multiplies(): void
    {
        $this->assertSame(4, $this->twice(2));
    }

    private function twice(int $x): int
    {
        return $this->calc->mul($x, 2);
    }
}

abstract class DbTestCase extends TestCase
{
    protected function db(): \PDO
    {
        return new \PDO('sqlite::memory:');
    }
}

class UserRepoTest extends DbTestCase
{
    public function testFinds(): void
    {
        $this->db()->query('select 1');
    }

    public function helperNotATest(): void
    {
    }
}

class NotATest
{
    public function testLooksLikeOne(): void
    {
    }
}
