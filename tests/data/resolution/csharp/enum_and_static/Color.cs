namespace Paint
{
    public enum Color { Red, Green }

    public static class Colors
    {
        public static string Name(Color c) => c.ToString();
    }

    class Use
    {
        string Run() => Colors.Name(Color.Red);
    }
}
