namespace Geo
{
    struct Vec
    {
        public double Len() => 0;
    }

    record Person(string Name)
    {
        public string Hello() => Name;
    }

    class Use
    {
        void Run()
        {
            var v = new Vec();
            v.Len();
            var p = new Person("Ada");
            p.Hello();
        }
    }
}
