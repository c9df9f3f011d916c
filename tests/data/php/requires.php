<?php
require __DIR__ . '/vendor/autoload.php';
require_once 'config/app.php';
include dirname(__FILE__) . '/../shared/helpers.php';
include_once('views/header.php');
require $dynamic;
require __DIR__ . '/' . $name . '.php';

function boot(): void
{
    require_once __DIR__ . '/lib/late.php';
    boot_app();
}
