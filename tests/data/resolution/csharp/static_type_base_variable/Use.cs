namespace Zoo
{
    class Use
    {
        string Run(Animal a) => a.Sound();
    }
}
