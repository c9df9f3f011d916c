#include "widget.h"

namespace ui {

Widget::Widget(int w) : width_(w) {}

int Widget::width() const { return width_; }

void Widget::resize(int w) {
    width_ = w;
    layout();
}

}  // namespace ui

void ui::Widget::layout() {
    resize(width());
}

int free_standing(ui::Widget& w) { return w.width(); }
