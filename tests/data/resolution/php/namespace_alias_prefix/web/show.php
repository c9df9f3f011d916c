<?php
namespace Web;

use App\Models;

function show() {
    return Models\User::first();
}
