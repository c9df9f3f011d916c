<?php
namespace App;

enum Size
{
    case Small;
    public function px(): int { return 8; }
}

function view(): string {
    $px = Size::Small->px();
    return Status::Live->label() . $px;
}
