namespace T
{
    class Options
    {
        public Options() { }
    }

    class Use
    {
        private Options fieldOptions = new();

        void Run()
        {
            Options local = new();
        }
    }
}
