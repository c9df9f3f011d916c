<?php
namespace App;

class Child extends Base
{
}
