package demo;

class Tree {
    void rebalance() {}

    class Node {
        void insert() {
            rebalance();
        }
    }
}
