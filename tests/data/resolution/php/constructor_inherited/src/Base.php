<?php
namespace App;

class Base
{
    public function __construct() {}
}
