namespace R
{
    public class Registry
    {
        public static Registry Instance = new Registry();
        public void Register(string n) { }
    }
}
