<?php
namespace App;

function run() {
    return slug('x');
}
