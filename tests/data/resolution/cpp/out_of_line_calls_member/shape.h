#pragma once
class Shape {
public:
    double area() const;
    double twice() const;
};
