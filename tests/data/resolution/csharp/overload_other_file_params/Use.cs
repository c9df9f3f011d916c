namespace P
{
    class Use
    {
        void Run(Printer p)
        {
            p.Print("a");
            p.Print("{0} {1}", 1, 2);
        }
    }
}
