<?php
namespace App;

abstract class Command
{
    protected Logger $logger;
}
