namespace Zoo
{
    public class Dog : Animal
    {
        public void Live() => Eat();
    }
}
