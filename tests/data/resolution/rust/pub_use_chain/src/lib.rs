mod net;

use net::Server;

pub fn boot() -> u16 {
    Server::new().port()
}
