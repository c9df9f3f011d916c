namespace Text
{
    public class Doc
    {
        public string Body() => "";
    }

    public static class DocExtensions
    {
        public static int Words(this Doc d) => d.Body().Length;
    }

    class Use
    {
        int Run(Doc d) => d.Words();
    }
}
