static int popcount8(unsigned char b) {
    int n = 0;
    while (b) { n += b & 1; b >>= 1; }
    return n;
}
