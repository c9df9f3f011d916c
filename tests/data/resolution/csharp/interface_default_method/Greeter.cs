namespace Hi
{
    public interface IGreeter
    {
        string Greet() => "hi";
    }

    public class Impl : IGreeter
    {
    }

    class Use
    {
        string Run(IGreeter g) => g.Greet();
    }
}
