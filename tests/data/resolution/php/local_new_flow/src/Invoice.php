<?php
namespace Billing;

class Invoice
{
    public function __construct(private int $total) {}
    public function send(): void {}
}
