using System;
using System.Collections.Generic;

namespace Box
{
    public class Box<T> where T : IComparable<T>
    {
        private T value;

        public Box(T value) { this.value = value; }

        public T Get() => value;

        public TOut Map<TOut>(Func<T, TOut> f) where TOut : class
        {
            return f(value);
        }

        public static Box<T> Of(T v) => new Box<T>(v);
    }

    public class Use
    {
        public int Run()
        {
            var b = Box<int>.Of(1);
            Dictionary<string, List<int>> d = new Dictionary<string, List<int>>();
            d.Add("a", new List<int>());
            return b.Get();
        }
    }
}
