using Bank;
using Xunit;

namespace Bank.Tests
{
    public class MoneyTests
    {
        [Theory]
        [InlineData(1)]
        public void Adds(int n) => Make(n).Add(Make(n));

        private static Money Make(int n) => new Money(n);
    }
}
