#pragma once
class Plugin {
public:
    virtual ~Plugin() {}
    virtual void load() = 0;
};
