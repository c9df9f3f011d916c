<?php
namespace App\Support;

function slugify(string $s): string { return strtolower($s); }
function title(string $s): string { return ucfirst($s); }
