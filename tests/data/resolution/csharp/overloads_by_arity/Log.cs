namespace Util
{
    public static class Log
    {
        public static void Write(string s) { }
        public static void Write(string s, int level) { }
        public static void Flush(bool force = false) { }
    }
}
