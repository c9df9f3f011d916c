namespace Data
{
    public class View
    {
        private readonly Repo repo = new Repo();

        public int Size
        {
            get => repo.Count();
            set { repo.Clear(); }
        }
    }
}
