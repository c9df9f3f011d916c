package demo;

class Cart {
    void add(String item) {}
}

class Shop {
    private final Cart cart = new Cart();

    void buy(String item) {
        cart.add(item);
        this.cart.add(item);
    }
}
