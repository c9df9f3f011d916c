namespace G
{
    public class Box<T>
    {
        public static Box<T> Of(T v) => new Box<T>();
        public int Size() => 1;
    }
}
