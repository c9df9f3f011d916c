namespace Acme.Time
{
    public class Clock
    {
        public static long Now() => 0;
    }
}
