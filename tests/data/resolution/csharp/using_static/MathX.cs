namespace Acme
{
    public static class MathX
    {
        public static int Square(int x) => x * x;
    }
}
