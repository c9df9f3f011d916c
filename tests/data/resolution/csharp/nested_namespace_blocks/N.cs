namespace Outer
{
    class Tool
    {
        public static void Use() { }
    }

    namespace Inner
    {
        class Worker
        {
            void Go() => Tool.Use();
        }
    }
}
