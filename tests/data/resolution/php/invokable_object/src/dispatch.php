<?php
namespace App;

function dispatch(Handler $h): void {
    $h('event');
}
