<?php
namespace App;

class ValidationException extends \Exception
{
    public function errors(): array { return []; }
}
