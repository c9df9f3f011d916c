namespace G
{
    public struct Vec
    {
        public double X;
        public double Dot(Vec o) => X * o.X;
        public double Norm() => this.Dot(this);
    }
}
