namespace Acme.Text
{
    public static class Strings
    {
        public static string Trim(string s) => s;
    }
}
