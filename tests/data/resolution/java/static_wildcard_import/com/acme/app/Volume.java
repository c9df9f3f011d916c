package com.acme.app;

import static com.acme.util.MathUtil.*;

class Volume {
    int of(int side) {
        return cube(side);
    }
}
