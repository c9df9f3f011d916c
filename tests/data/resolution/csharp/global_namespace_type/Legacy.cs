public static class Legacy
{
    public static void Run() { }
}
