package com.acme.app;

import com.acme.util.Strings;

class Main {
    String clean(String s) {
        return Strings.trim(s);
    }
}
