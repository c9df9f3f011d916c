mod prelude;
mod main_mod;
