namespace Zoo
{
    public class Animal
    {
        public void Eat() { }
    }
}
