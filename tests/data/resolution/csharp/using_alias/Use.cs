using C = Acme.Time.Clock;

namespace App
{
    class Use
    {
        long Run() => C.Now();
    }
}
