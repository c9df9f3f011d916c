using static Acme.MathX;

namespace App
{
    class Use
    {
        int Run() => Square(4);
    }
}
