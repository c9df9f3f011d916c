namespace Acme
{
    public static class Log
    {
        public static void Info(string s) { }
    }
}
