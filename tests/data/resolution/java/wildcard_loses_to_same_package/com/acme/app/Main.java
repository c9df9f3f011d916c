package com.acme.app;

import com.acme.util.*;

class Main {
    void run() {
        Log.info("x");
    }
}
