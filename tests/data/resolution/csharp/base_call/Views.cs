namespace Ui
{
    class View
    {
        public View(string name) { }
        public virtual void Render() { }
    }

    class Button : View
    {
        public Button() : base("button") { }
        public override void Render() => base.Render();
    }
}
