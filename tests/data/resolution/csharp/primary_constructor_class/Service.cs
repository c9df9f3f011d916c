namespace S
{
    public class Service(Repo repo)
    {
        public string Get() => repo.Load();
    }

    class Boot
    {
        void Run() => new Service(new Repo()).Get();
    }
}
