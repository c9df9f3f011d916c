int good(int a) {
    return a;
}

int broken(int a {
    return a +;
}

struct still_here {
    int x;
};

int also_good(void) {
    return good(1);
}
