namespace Shapes
{
    class Circle
    {
        public double Radius() => 1;
    }

    class Use
    {
        double Run(object a, object b) => ((Circle)a).Radius() + (b as Circle).Radius();
    }
}
