using System.Text;

namespace Acme.Text;

/// <summary>Builds greetings.</summary>
public static class Greeter
{
    public static string Greet(string who)
    {
        var sb = new StringBuilder();
        sb.Append("Hello, ");
        sb.Append(who);
        return Format(sb.ToString());
    }

    private static string Format(string s) => s.Trim();
}

internal class Other
{
    public void Run() => Greeter.Greet("x");
}
