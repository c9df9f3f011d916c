<?php

use Core\Application;

function app(): Application { return new Application(); }
