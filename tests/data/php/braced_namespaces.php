<?php
namespace Alpha {
    use Lib\Clock;

    function hello(): string
    {
        return Clock::now() . greet();
    }

    function greet(): string
    {
        return 'a';
    }
}

namespace Beta\Gamma {
    function hello(): string
    {
        return strlen('b') . \Alpha\hello();
    }
}

namespace {
    function main(): void
    {
        echo Alpha\hello(), Beta\Gamma\hello();
    }

    main();
}
