<?php
namespace App;

class Model
{
    public function __construct(array $attrs = []) {}
}
