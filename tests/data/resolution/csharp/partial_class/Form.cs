namespace Ui
{
    public partial class MainForm
    {
        public void Open()
        {
            InitializeComponent();
        }
    }
}
