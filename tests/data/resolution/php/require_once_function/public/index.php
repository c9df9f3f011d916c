<?php
require_once __DIR__ . '/../lib/helpers.php';

echo e('<b>');
