<?php
namespace App;

function main(): void {
    $u = new user();
    USER::Find(1);
    Helper();
}
