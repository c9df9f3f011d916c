namespace Geo
{
    public record Shape(string Name)
    {
        public string Label() => Name;
    }

    public record Circle(double R) : Shape("circle")
    {
        public string Describe() => Label();
    }
}
