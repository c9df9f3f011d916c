namespace App
{
    public class Config
    {
        public Config(string path) { }
    }

    public class Options
    {
    }
}
