namespace Ui
{
    public partial class MainForm
    {
        private void InitializeComponent() => Layout();

        private void Layout() { }
    }
}
