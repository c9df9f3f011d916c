package com.acme.app;

import com.acme.util.*;
import java.util.*;

class Main {
    String clean(String s) {
        List<String> parts = new ArrayList<>();
        parts.add(s);
        return Strings.trim(s);
    }
}
