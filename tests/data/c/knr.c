int old_style(a, b)
    int a;
    char *b;
{
    return a + (b != 0);
}

implicit_int(void) {
    return old_style(1, 0);
}
