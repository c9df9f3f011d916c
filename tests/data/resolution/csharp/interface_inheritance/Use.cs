namespace Io
{
    class Use
    {
        void Run(IChannel c)
        {
            c.Send("x");
            c.Close();
        }
    }
}
