int old_add();
int modern(void) {
    return old_add(1, 2);
}
