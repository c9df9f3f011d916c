<?php
function helper() { return 1; }

function run() {
    return helper();
}
