<?php
namespace App\Http;

class HomeController extends Controller
{
    public function index(): string
    {
        $this->log('index');
        return 'home';
    }
}
