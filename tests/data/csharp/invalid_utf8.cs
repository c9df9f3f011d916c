namespace Bytes
{
    /// <summary>Café ÿþ bytes.</summary>
    public class CafÃ©
    {
        public string NÃ¤me() => "ÿ";
        public void Run() => NÃ¤me();
    }
}
