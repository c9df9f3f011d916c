using System;
#if HAVE_LINQ
using System.Linq;
#endif

namespace Pre
{
#if NET45
    /// <summary>Only on .NET 4.5.</summary>
    public class Modern
    {
        public void Run() => Helper.Go();
    }
#else
    public class Legacy
    {
#if DEBUG
        public void Trace() => Helper.Go();
#endif
        public void Run() { }
    }
#endif

    #region Helpers
    internal static class Helper
    {
        public static void Go() { }
    }
    #endregion
}
