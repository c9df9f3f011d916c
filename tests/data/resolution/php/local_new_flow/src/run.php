<?php
namespace Billing;

function bill(int $total): void {
    $invoice = new Invoice($total);
    $invoice->send();
}
