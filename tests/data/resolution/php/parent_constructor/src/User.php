<?php
namespace App;

class User extends Model
{
    public function __construct(array $attrs = [])
    {
        parent::__construct($attrs);
    }
}
