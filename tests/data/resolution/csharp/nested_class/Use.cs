namespace N
{
    class Use
    {
        void Run()
        {
            var i = new Outer.Inner();
            i.Work();
        }
    }
}
