namespace F
{
    public class Page
    {
        private readonly Widget w = Factory.Make();

        public void Render() => w.Show();
    }
}
