#pragma once
class Widget {
public:
    void draw();
};
Widget* make_widget();
