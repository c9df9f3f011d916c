mod codec;
mod io;
