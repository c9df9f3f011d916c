namespace Colors
{
    /// <summary>Primary colours.</summary>
    public enum Color
    {
        /// <summary>Red.</summary>
        Red,
        Green = 2,
        [Obsolete] Blue
    }

    [System.Flags]
    public enum Access : byte { None = 0, Read = 1, Write = 2 }

    public delegate int Compare<T>(T a, T b);
}
