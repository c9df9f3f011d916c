<?php
function deep($x)
{
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
if ($x) {
call_deep();
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}
}

function after(): void
{
    deep(1);
}
