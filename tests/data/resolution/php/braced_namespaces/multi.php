<?php
namespace Alpha {
    function hello() { return 'a'; }
    function greet() { return hello(); }
}

namespace Beta {
    function hello() { return 'b'; }
    function greet() { return hello(); }
}
