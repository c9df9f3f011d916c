#pragma once
class Vec {
public:
    double length() const;
};
