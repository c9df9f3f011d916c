<?php
namespace App\Http;

use App\Models\User;

class UserController
{
    public function show(int $id)
    {
        return User::find($id);
    }
}
