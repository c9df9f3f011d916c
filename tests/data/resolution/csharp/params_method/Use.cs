namespace F
{
    class Use
    {
        void Run()
        {
            Fmt.Join(",");
            Fmt.Join(",", "a", "b", "c");
        }
    }
}
