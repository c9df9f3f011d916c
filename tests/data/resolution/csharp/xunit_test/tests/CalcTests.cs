using Calc;
using Xunit;

namespace Calc.Tests
{
    public class CalcTests
    {
        [Fact]
        public void Adds()
        {
            var c = new Calculator();
            Assert.Equal(4, c.Add(2, 2));
        }
    }
}
