<?php
namespace Tests;

use App\Stack;
use PHPUnit\Framework\TestCase;

class StackTest extends TestCase
{
    private Stack $stack;

    protected function setUp(): void
    {
        $this->stack = new Stack();
    }

    /** @test */
    public function it_pops_what_was_pushed(): void
    {
        $this->stack->push(1);
        $this->stack->pop();
    }
}
