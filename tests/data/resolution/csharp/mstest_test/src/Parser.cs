namespace P
{
    public static class Parser
    {
        public static int Parse(string s) => 0;
    }
}
