package demo;

class Calc {
    int run() {
        class Adder {
            int add(int a, int b) {
                return a + b;
            }
        }
        Adder adder = new Adder();
        return adder.add(1, 2);
    }
}
