namespace Lib
{
    public static class Util
    {
        public static void Go() { }
    }
}
