using System;

namespace L
{
    class Sink
    {
        public void Put(int x) { }
    }

    class Use
    {
        private readonly Sink sink = new Sink();

        void Run(Action<Action<int>> each)
        {
            each(x => sink.Put(x));
        }
    }
}
