namespace Cars
{
    class Driver
    {
        void Drive(Car car) => car.Motor.Start();
    }
}
