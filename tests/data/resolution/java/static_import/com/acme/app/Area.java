package com.acme.app;

import static com.acme.util.MathUtil.square;

class Area {
    int of(int side) {
        return square(side);
    }
}
