using System;

namespace Acme.Shapes
{
    /// <summary>
    /// A shape with an area.
    /// </summary>
    /// <remarks>Since 1.0.</remarks>
    public abstract class Shape : IComparable<Shape>
    {
        /// <summary>The number of shapes made.</summary>
        public const int Limit = 100;

        private static readonly string Prefix = "shape:";

        private readonly string name;

        /// <summary>Makes a shape called <paramref name="name"/>.</summary>
        /// <param name="name">what it is called</param>
        protected Shape(string name)
        {
            this.name = name;
        }

        /// <summary>The area, in square units.</summary>
        public abstract double Area();

        public int CompareTo(Shape other)
        {
            return Area().CompareTo(other.Area());
        }
    }

    public sealed class Square : Shape
    {
        private readonly double side;

        public Square(double side) : base("square")
        {
            this.side = side;
        }

        public override double Area() => side * side;
    }
}
