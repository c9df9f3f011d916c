<?php
namespace App\Http;

use App\Models\User;
use App\Models\{Post, Comment as Reply};
use App\Services\Mailer as Mail, App\Services\Queue;
use function App\Support\{slugify, tap as keep};
use const App\Config\DEBUG;
use const App\Config\{LIMIT, TIMEOUT};

class Controller
{
    public function store(): void
    {
        $u = new User();
        $p = Post::create(['slug' => slugify('x')]);
        $r = new Reply();
        Mail::send($u);
        (new Queue())->push(keep($r));
    }
}
