using System.Collections.Generic;

namespace Store
{
    public class Cart
    {
        private readonly List<Item> items = new List<Item>();

        public int Count => items.Count;

        public Item this[int i] => items[i];

        public decimal Total
        {
            get
            {
                decimal sum = 0;
                foreach (Item item in items)
                {
                    if (item.Price > 0)
                    {
                        sum += item.Cost();
                    }
                }
                return sum;
            }
            set => Reset(value);
        }

        public event System.EventHandler Changed;

        public void Reset(decimal to) => items.Clear();
    }

    public class Item
    {
        public decimal Price { get; set; }
        public decimal Cost() => Price;
    }
}
