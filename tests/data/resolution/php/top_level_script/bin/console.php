<?php
use Acme\App;

$app = new App();
exit($app->run());
