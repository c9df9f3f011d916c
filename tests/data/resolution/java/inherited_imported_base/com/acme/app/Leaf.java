package com.acme.app;

import com.acme.core.Middle;

class Leaf extends Middle {
    void work() {
        log("working");
    }
}
