<?php
namespace App\Http;

function run(): int {
    return helper();
}
