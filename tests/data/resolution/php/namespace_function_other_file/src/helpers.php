<?php
namespace App;

function slug(string $s): string { return $s; }
