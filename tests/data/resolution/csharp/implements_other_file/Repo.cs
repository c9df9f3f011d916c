namespace D
{
    public class Repo : IRepo
    {
        public void Save() { }
    }

    class Use
    {
        void Run(Repo r, IRepo i)
        {
            r.Save();
            i.Save();
        }
    }
}
