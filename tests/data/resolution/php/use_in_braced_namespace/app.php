<?php
namespace App {
    use Lib\Clock;
    function a() { return Clock::now(); }
}

namespace Web {
    use Other\Clock;
    function b() { return Clock::now(); }
}
