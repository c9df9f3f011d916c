int user(void) {
    int helper(int);
    return helper(4);
}
