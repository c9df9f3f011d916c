package demo;

import java.util.ArrayList;
import java.util.List;

class Main {
    void run(String name) {
        List<String> names = new ArrayList<>();
        names.add(name.trim());
        int m = Math.max(1, 2);
        System.out.println(m);
        StringBuilder sb = new StringBuilder();
        sb.append("x");
    }
}
