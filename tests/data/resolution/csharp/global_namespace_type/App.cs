namespace App
{
    class Main
    {
        void Go() => Legacy.Run();
    }
}
