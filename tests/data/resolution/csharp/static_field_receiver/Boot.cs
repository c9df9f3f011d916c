namespace R
{
    class Boot
    {
        void Run() => Registry.Instance.Register("x");
    }
}
