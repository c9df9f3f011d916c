using Lib;

namespace App
{
    class Main
    {
        void Run() => Util.Go();
    }
}
