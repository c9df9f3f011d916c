<?php
function legacy_format($x) { return $x; }
