<?php
function main(): int {
    return helper();
}
