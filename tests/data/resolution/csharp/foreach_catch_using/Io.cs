using System;

namespace Io
{
    class Res : IDisposable
    {
        public void Use() { }
        public void Dispose() { }
    }

    class Failure : Exception
    {
        public void Report() { }
    }

    class Main
    {
        void Run(Res[] all, object o)
        {
            foreach (Res r in all)
            {
                r.Use();
            }
            try
            {
                using (Res x = new Res())
                {
                    x.Use();
                }
            }
            catch (Failure f)
            {
                f.Report();
            }
            if (o is Res p)
            {
                p.Use();
            }
        }
    }
}
