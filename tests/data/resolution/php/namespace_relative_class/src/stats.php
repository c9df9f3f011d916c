<?php
namespace App;

function stats(): int {
    return Models\User::count();
}
