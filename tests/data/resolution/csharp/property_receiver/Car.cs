namespace Cars
{
    public class Car
    {
        public Engine Motor { get; } = new Engine();

        public void Go() => Motor.Start();
    }
}
