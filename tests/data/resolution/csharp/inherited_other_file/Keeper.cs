namespace Zoo
{
    class Keeper
    {
        void Feed(Dog d) => d.Eat();
    }
}
