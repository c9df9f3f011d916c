package com.example;

public class Outer {
    private Inner inner = new Inner();

    public static class Nested {
        public void hello() {}
    }

    class Inner {
        void poke() {
            touch();
        }

        class Deeper {
            void dig() {
                poke();
                touch();
            }
        }
    }

    void touch() {
        new Nested().hello();
        inner.poke();
    }
}
