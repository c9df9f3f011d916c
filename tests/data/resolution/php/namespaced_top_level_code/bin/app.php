<?php
namespace App;

require __DIR__ . '/../src/run.php';

exit(run());
