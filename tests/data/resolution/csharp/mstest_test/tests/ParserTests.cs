using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace P.Tests
{
    [TestClass]
    public class ParserTests
    {
        [TestMethod]
        public void ParsesZero() => Check("0");

        private void Check(string s) => Parser.Parse(s);
    }
}
