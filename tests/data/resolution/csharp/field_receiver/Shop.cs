namespace Shop
{
    class Cart
    {
        public void Add(string item) { }
    }

    class Store
    {
        private readonly Cart cart = new Cart();

        public void Buy() => cart.Add("apple");
    }
}
