#include "widget.h"
void Widget::draw() {}
Widget* make_widget() { return new Widget(); }
