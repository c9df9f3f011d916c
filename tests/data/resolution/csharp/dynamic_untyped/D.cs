namespace D
{
    class Use
    {
        void Run(dynamic d, System.Func<int> f)
        {
            d.Anything();
            f();
        }
    }
}
