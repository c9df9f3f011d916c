namespace S
{
    public class Repo
    {
        public string Load() => "";
    }
}
