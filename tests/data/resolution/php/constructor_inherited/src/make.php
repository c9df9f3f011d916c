<?php
namespace App;

function make(): Child {
    return new Child();
}
