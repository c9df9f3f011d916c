namespace F
{
    public class Sub : Base
    {
        public void Run() => helper.Help();
    }
}
