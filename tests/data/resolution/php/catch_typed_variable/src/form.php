<?php
namespace App;

function submit(callable $f): array {
    try {
        $f();
    } catch (ValidationException $e) {
        return $e->errors();
    }
    return [];
}
