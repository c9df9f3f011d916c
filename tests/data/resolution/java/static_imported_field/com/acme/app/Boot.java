package com.acme.app;

import static com.acme.core.Registry.INSTANCE;

class Boot {
    void start() {
        INSTANCE.register("boot");
    }
}
