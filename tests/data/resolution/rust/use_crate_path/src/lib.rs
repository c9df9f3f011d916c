mod util;
mod app;
