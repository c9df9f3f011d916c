using LIO = Lib.IO;

namespace App
{
    class Main
    {
        string Go() => LIO.Files.Read("a");
    }
}
