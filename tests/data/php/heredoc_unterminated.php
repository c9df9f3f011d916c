<?php
function before(): string
{
    return 'ok';
}

function broken(): string
{
    $sql = <<<SQL
        SELECT * FROM users WHERE id = {$id}
        AND name = "$name"
    return $sql;
}

function after(): void
{
    before();
}
