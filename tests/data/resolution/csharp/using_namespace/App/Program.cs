using Acme.Core;

namespace Acme.App
{
    public class Program
    {
        public void Main()
        {
            var w = new Widget();
            w.Draw();
        }
    }
}
