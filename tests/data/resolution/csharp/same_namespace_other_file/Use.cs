namespace Acme.Core
{
    public class Use
    {
        public int Run() => Util.Clamp(3);
    }
}
