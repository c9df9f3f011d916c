namespace Shapes
{
    class Shape
    {
        public string Name() => "shape";
    }

    class Square : Shape
    {
        public string Label() => Name();
    }

    class Use
    {
        string Run(Square s) => s.Name();
    }
}
