using Acme.Core;

namespace Acme.App
{
    public class Leaf : Root
    {
        public void Run() => Touch();
    }
}
