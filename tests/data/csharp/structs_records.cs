namespace Geo
{
    public struct Point
    {
        public double X;
        public double Y;

        public Point(double x, double y)
        {
            X = x;
            Y = y;
        }

        public double Length() => System.Math.Sqrt(X * X + Y * Y);
    }

    public record Person(string Name, int Age)
    {
        public string Describe() => Name.ToUpper();
    }

    public record struct Pair(int A, int B);

    public class Use
    {
        public double Run()
        {
            var p = new Point(3, 4);
            var q = new Point();
            var who = new Person("Ada", 36);
            who.Describe();
            var pair = new Pair(1, 2);
            return p.Length() + q.Length();
        }
    }
}
