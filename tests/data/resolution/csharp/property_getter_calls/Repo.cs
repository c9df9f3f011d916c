namespace Data
{
    public class Repo
    {
        public int Count() => 0;
        public void Clear() { }
    }
}
