<?php
namespace App;

function boot(): void {
    $debug = Config::get('debug');
}
