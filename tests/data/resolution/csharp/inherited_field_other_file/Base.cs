namespace F
{
    public class Helper
    {
        public void Help() { }
    }

    public class Base
    {
        protected Helper helper = new Helper();
    }
}
