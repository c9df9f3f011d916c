namespace Zoo
{
    public abstract class Animal
    {
        public abstract string Sound();
    }

    public class Cat : Animal
    {
        public override string Sound() => "meow";
    }
}
