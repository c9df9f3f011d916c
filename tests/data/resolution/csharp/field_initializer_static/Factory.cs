namespace F
{
    public static class Factory
    {
        public static Widget Make() => new Widget();
    }

    public class Widget
    {
        public void Show() { }
    }
}
