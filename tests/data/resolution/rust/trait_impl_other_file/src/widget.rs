use crate::render::Render;

pub struct Button;

impl Render for Button {
    fn render(&self) -> String {
        String::new()
    }
}
