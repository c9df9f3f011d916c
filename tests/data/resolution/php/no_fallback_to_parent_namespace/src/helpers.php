<?php
namespace App;

function helper(): int { return 1; }
