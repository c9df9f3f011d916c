namespace Acme.Tools.Deep
{
    class Worker
    {
        void Go() => Log.Info("go");
    }
}
