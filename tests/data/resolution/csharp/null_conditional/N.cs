namespace N
{
    class Node
    {
        public Node Next;
        public void Visit() { }
    }

    class Walker
    {
        void Walk(Node n)
        {
            n?.Visit();
            n.Next?.Visit();
        }
    }
}
