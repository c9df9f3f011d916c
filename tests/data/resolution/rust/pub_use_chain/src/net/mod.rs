mod server;

pub use self::server::Server;
