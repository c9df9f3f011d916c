namespace Acme.Core
{
    public class Root
    {
        public void Touch() { }
    }
}
