<?php
namespace Ui;

class Factory
{
    public static function make(): Widget { return new Widget(); }
}
