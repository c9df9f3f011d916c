static int skip_space(const char *s);

int parse(const char *s) {
    return skip_space(s);
}

static int skip_space(const char *s) {
    return s[0] == ' ';
}
