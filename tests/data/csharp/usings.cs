using System;
using System.IO;
using static System.Math;
using Env = System.Environment;
using Acme.Core;

namespace Acme.App
{
    using Acme.Util;

    public class Program
    {
        public static void Main(string[] args)
        {
            Console.WriteLine(Abs(-1));
            var path = Path.Combine("a", "b");
            Env.Exit(0);
            var w = new Widget();
            w.Draw();
            Helpers.Log("x");
            File.ReadAllText(path);
        }
    }
}
