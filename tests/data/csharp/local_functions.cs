namespace Calc
{
    public class Sums
    {
        public int Total(int[] xs)
        {
            int Add(int a, int b) => a + b;

            int Sum(int i)
            {
                int Step(int j) => j + 1;
                return i >= xs.Length ? 0 : Add(xs[i], Sum(Step(i)));
            }

            System.Func<int, int> twice = x => x * 2;
            return twice(Sum(0));
        }
    }
}
