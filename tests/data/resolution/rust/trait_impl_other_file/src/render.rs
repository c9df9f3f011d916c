pub trait Render {
    fn render(&self) -> String;
}
