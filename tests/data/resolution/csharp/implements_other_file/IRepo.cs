namespace D
{
    public interface IRepo
    {
        void Save();
    }
}
