<?php
namespace App;

function a() { return \App\Support\slugify('a'); }
function b() { return Support\slugify('b'); }
