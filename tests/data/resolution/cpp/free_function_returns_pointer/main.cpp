#include "widget.h"
int main() {
    make_widget()->draw();
    return 0;
}
