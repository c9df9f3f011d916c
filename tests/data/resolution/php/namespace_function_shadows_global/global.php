<?php
function render($x) { return $x; }
