namespace App
{
    class Main
    {
        void Run() => global::Lib.Tools.Go();
    }
}
