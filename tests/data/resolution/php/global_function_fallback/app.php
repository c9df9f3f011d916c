<?php
namespace App;

function run() {
    return legacy_format(1);
}
