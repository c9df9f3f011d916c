namespace Text
{
    public static class StringExtensions
    {
        public static string Shout(this string s) => s.ToUpper() + "!";

        public static int Words(this Sentence s, int min) => s.Count(min);
    }

    public class Sentence
    {
        public int Count(int min) => min;

        public string Run(string x)
        {
            var t = x.Shout();
            return t + this.Words(1);
        }
    }
}
