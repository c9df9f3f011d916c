using System;
using System.Collections.Generic;
using System.Text;

namespace App
{
    class Main
    {
        void Run()
        {
            Console.WriteLine("hi");
            var list = new List<int>();
            list.Add(1);
            var sb = new StringBuilder();
            sb.Append("x");
            string s = "a";
            s.Trim();
            Math.Max(1, 2);
        }
    }
}
