<?php
namespace App;

use Contracts\Stream;

function drain(Stream $s): string {
    $data = $s->read();
    $s->close();
    return $data;
}
