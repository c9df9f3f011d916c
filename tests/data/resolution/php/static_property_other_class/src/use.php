<?php
namespace App;

function setting(string $k): mixed {
    return Registry::$instance->get($k);
}
