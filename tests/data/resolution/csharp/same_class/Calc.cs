namespace Acme
{
    public class Calc
    {
        public int Twice(int x) => Add(x, x);
        public int Add(int a, int b) => a + b;
        public int Thrice(int x) => this.Add(Twice(x), x);
    }
}
