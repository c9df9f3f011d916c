<?php
namespace App;

function run() {
    return tap(1);
}
