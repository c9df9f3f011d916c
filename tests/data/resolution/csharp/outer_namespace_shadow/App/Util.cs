namespace App
{
    public static class Util
    {
        public static void Go() { }
    }
}
