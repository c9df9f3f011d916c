namespace App
{
    class Boot
    {
        void Run()
        {
            var c = new Config("a.json");
            var o = new Options();
        }
    }
}
