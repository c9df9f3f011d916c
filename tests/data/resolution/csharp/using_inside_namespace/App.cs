namespace App
{
    using Lib.IO;

    class Main
    {
        string Go() => Files.Read("a");
    }
}
