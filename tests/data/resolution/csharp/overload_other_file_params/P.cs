namespace P
{
    public class Printer
    {
        public void Print(string s) { }
        public void Print(string format, params object[] args) { }
    }
}
