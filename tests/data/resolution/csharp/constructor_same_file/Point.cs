namespace Geo
{
    class Point
    {
        public Point() : this(0, 0) { }
        public Point(int x, int y) { }
    }

    class Use
    {
        void Run()
        {
            var a = new Point();
            var b = new Point(1, 2);
        }
    }
}
