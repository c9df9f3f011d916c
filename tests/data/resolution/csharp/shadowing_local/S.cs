namespace S
{
    class A { public void Go() { } }
    class B { public void Go() { } }

    class Use
    {
        private A item = new A();

        void Run()
        {
            B item = new B();
            item.Go();
        }
    }
}
