mod render;
mod widget;

use widget::Button;
use render::Render;

pub fn draw(b: &Button) -> String {
    b.render()
}
