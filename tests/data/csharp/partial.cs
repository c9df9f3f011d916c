namespace Forms
{
    public partial class MainForm : Form
    {
        public MainForm()
        {
            InitializeComponent();
            Wire();
        }

        private void Wire() => this.Show();
    }
}
