<?php
namespace Ui;

class Widget
{
    public function render(): string { return ''; }
}
