<?php
namespace App;

abstract class BaseService
{
    public function __construct(protected Repo $repo) {}
}
