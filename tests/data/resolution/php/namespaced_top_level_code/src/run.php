<?php
namespace App;

function run(): int { return 0; }
