namespace M
{
    class Sums
    {
        int Helper(int x) => x;

        int Total(int[] xs)
        {
            int Add(int a) => Helper(a) + 1;
            System.Func<int, int> f = y => Helper(y);
            return Add(xs[0]) + f(1);
        }
    }
}
