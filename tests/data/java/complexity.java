package com.example;

class Complexity {
    int straight() {
        return 1;
    }

    int branches(int x, boolean a, boolean b) {
        if (x > 0 && a) {
            return 1;
        } else if (x < 0 || b) {
            return -1;
        }
        for (int i = 0; i < x; i++) {
            while (a) {
                a = false;
            }
        }
        for (String s : new String[] {"a"}) {
            do {
                x--;
            } while (x > 10);
        }
        try {
            x = Integer.parseInt("1");
        } catch (NumberFormatException e) {
            x = 0;
        } catch (RuntimeException e) {
            x = 1;
        }
        switch (x) {
            case 1:
            case 2:
                return 2;
            default:
                return x > 5 ? 5 : x;
        }
    }

    String arrows(int day) {
        return switch (day) {
            case 1, 7 -> "weekend";
            case 2 -> "monday";
            default -> "other";
        };
    }
}
