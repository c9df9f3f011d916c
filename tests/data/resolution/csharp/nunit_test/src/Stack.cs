namespace Coll
{
    public class Stack
    {
        public void Push(int x) { }
        public int Pop() => 0;
    }
}
