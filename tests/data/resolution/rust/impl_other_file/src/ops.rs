use crate::model::Point;

impl Point {
    pub fn norm(&self) -> i32 {
        self.x.abs()
    }
}
