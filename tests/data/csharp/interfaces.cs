using System;

namespace Zoo
{
    public interface IAnimal
    {
        string Sound();
        void Speak() => Console.WriteLine(Sound());
    }

    public interface IPet : IAnimal, IDisposable
    {
        string Owner { get; }
    }

    public class Dog : Animal, IPet
    {
        public string Owner { get; } = "me";
        public string Sound() => "woof";
        public void Dispose() { }
    }

    public struct Cat : IAnimal
    {
        public string Sound() => "meow";
    }
}
