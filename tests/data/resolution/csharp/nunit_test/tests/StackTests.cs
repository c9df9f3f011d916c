using NUnit.Framework;

namespace Coll.Tests
{
    [TestFixture]
    public class StackTests
    {
        private Stack stack;

        [SetUp]
        public void Init() => stack = new Stack();

        [Test]
        public void PushPop()
        {
            stack.Push(1);
            stack.Pop();
        }
    }
}
