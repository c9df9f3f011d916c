namespace N
{
    public class Outer
    {
        public class Inner
        {
            public void Work() => Helper();
        }

        static void Helper() { }
    }
}
