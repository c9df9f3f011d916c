<?php
namespace Core;

function boot(): object {
    return app()->make('config');
}
