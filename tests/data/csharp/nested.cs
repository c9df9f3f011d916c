namespace Trees
{
    public class Tree
    {
        private Node root;

        public class Node
        {
            public Node Left;
            public int Depth() => Left == null ? 1 : 1 + Left.Depth();

            public class Leaf
            {
                public void Touch() => Helper();
            }
        }

        private static void Helper() { }

        public int Height() => root.Depth();
    }

    namespace Inner
    {
        class Deep
        {
            void Go() => new Tree.Node().Depth();
        }
    }
}
