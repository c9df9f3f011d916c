<?php
namespace App;

use App\Models\User as Member;

function signup(string $name) {
    $m = new Member($name);
    $m->save();
}
