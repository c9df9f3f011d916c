<?php
// café in latin-1: ÿþ
function ok(): string
{
    return "été";
}

class Bär
{
    public function run(): void { ok(); }
}
