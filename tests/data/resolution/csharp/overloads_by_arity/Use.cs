namespace Util
{
    class Use
    {
        void Run()
        {
            Log.Write("a");
            Log.Write("b", 2);
            Log.Flush();
        }
    }
}
