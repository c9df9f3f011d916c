#pragma once
struct Config {
    int level() const { return 2; }
};
