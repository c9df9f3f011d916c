namespace G
{
    class Use
    {
        int Run() => Box<int>.Of(1).Size();
    }
}
