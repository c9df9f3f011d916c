namespace Flow
{
    public class Decide
    {
        public int Branches(int x, string s)
        {
            if (x > 0 && x < 10 || x == 42)
            {
                return 1;
            }
            for (int i = 0; i < x; i++) { }
            foreach (var c in s) { }
            while (x-- > 0) { }
            do { x++; } while (x < 3);
            try { x = int.Parse(s); }
            catch (System.FormatException e) when (e.Message != null) { }
            catch { }
            switch (x)
            {
                case 1:
                case 2:
                    return 2;
                default:
                    break;
            }
            var y = s ?? "none";
            return x > 5 ? x switch { 6 => 1, 7 => 2, _ => 3 } : 0;
        }
    }
}
