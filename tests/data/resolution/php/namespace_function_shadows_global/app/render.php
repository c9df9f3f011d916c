<?php
namespace App;

function render($x) { return "<$x>"; }
