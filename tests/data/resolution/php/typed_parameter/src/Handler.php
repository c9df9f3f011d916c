<?php
namespace App\Http;

class Handler
{
    public function handle(Request $request): void
    {
        $request->input('name');
    }
}
