namespace App
{
    class Main
    {
        string Run() => Acme.Text.Strings.Trim(" x ");
    }
}
