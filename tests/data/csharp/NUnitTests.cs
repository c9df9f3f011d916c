using NUnit.Framework;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Stack.Tests
{
    [TestFixture]
    public class StackTests
    {
        private Stack stack;

        [SetUp]
        public void Init() { stack = new Stack(); }

        [Test]
        public void PushThenPop()
        {
            stack.Push(1);
            NUnit.Framework.Assert.AreEqual(1, stack.Pop());
        }

        [TestCase(1), TestCase(2)]
        public void PushMany(int n) => stack.Push(n);
    }

    [TestClass]
    public class MsStackTests
    {
        [TestMethod]
        public void Empty() => new Stack().Pop();

        [DataTestMethod]
        [DataRow(3)]
        public void Pushes(int n) => new Stack().Push(n);
    }

    public class Stack
    {
        public void Push(int x) { }
        public int Pop() => 0;
    }
}
