<?php
if (!function_exists('tap')) {
    function tap($value) { return $value; }
}
