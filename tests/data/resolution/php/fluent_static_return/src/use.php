<?php
namespace Db;

function users(UserQuery $q): array {
    return $q->where('x')->active()->get();
}
