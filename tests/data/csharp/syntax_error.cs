namespace Broken
{
    public class Half
    {
        public void Ok() { Helper(); }

        public void Bad( { int x = ; Helper(

        private void Helper() { }
    }

    public class After
    {
        public void Run() { new Half().Ok(); }
    }
