namespace Cars
{
    public class Engine
    {
        public void Start() { }
    }
}
