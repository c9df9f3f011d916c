int real_open(const char *p) { return p != 0; }
#define my_open real_open
int opener(void) {
    return my_open("x");
}
