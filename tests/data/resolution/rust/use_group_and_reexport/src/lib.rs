mod shapes;
mod api;
pub use shapes::area;
