using Xunit;

namespace Calc.Tests
{
    public class CalculatorTests
    {
        private readonly Calculator calc = new Calculator();

        [Fact]
        public void AddsTwoNumbers()
        {
            Assert.Equal(4, calc.Add(2, 2));
        }

        [Theory]
        [InlineData(1, 2)]
        public void SubtractsThroughAHelper(int a, int b)
        {
            Check(a, b);
        }

        private void Check(int a, int b) => Assert.True(calc.Sub(a, b) < 0);
    }

    public class Calculator
    {
        public int Add(int a, int b) => a + b;
        public int Sub(int a, int b) => a - b;
    }
}
