namespace Acme.Core
{
    public class Widget
    {
        public void Draw() { }
    }
}
