<?php
namespace App\Support;

function slugify($s) { return $s; }
