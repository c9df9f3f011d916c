//! The client library: [`Client`] speaks JSON-RPC to a running daemon over its
//! socket; [`Codehub`] uses a daemon when one answers and otherwise reads the index
//! directly through the same method set, saying which it did.

use crate::{errors, methods};
use protocol::methods::Method;
use protocol::{ErrorKind, Id, Request, Response, RpcError, Source};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::io::{self, BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;
use store::{Store, StoreError};

use model::state_dir::StateDir;
pub use model::state_dir::{DB_FILE, LOG_FILE, SOCKET_FILE};
/// How long [`Client::call`] waits for an answer unless told otherwise. Longer than
/// the server's default request deadline (10 s), so the server's `timeout` error
/// normally arrives first.
pub const DEFAULT_CALL_TIMEOUT: Duration = Duration::from_secs(30);
/// How long [`Codehub::open`] waits for a daemon that accepted the connection but has
/// not answered `health` within the connect timeout.
pub const BUSY_DAEMON_TIMEOUT: Duration = Duration::from_secs(30);
/// How long [`Codehub::open`] gives a daemon to answer before reading the index itself.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(1);

/// A connection to a running daemon. Calls are sequential; not `Sync`.
pub struct Client {
    reader: BufReader<UnixStream>,
    writer: UnixStream,
    next_id: u64,
    /// Set once the connection is unusable (lost, or a timed-out answer may still come).
    broken: Option<String>,
}

impl Client {
    /// Connects to the daemon of the state directory (its `daemon.sock`) and checks it
    /// answers `health` within `connect_timeout`. Errors: `NotFound`/
    /// `ConnectionRefused` when no daemon runs, `TimedOut` when it does not answer in
    /// time, `Other` with the server's message when it refuses (busy, unauthorized).
    pub fn connect(state_dir: &Path, connect_timeout: Duration) -> io::Result<Client> {
        Client::connect_to(&StateDir::new(state_dir).socket(), connect_timeout)
    }

    /// [`Client::connect`] to a socket path.
    pub fn connect_to(socket_path: &Path, connect_timeout: Duration) -> io::Result<Client> {
        let stream = UnixStream::connect(socket_path)?;
        let writer = stream.try_clone()?;
        let mut client =
            Client { reader: BufReader::new(stream), writer, next_id: 1, broken: None };
        client.set_timeout(Some(connect_timeout))?;
        if let Err(e) = client.request::<protocol::methods::Health>(&Default::default()) {
            let kind = match e.kind() {
                ErrorKind::Timeout => io::ErrorKind::TimedOut,
                _ => io::ErrorKind::Other,
            };
            return Err(io::Error::new(kind, e.message));
        }
        client.set_timeout(Some(DEFAULT_CALL_TIMEOUT))?;
        Ok(client)
    }

    /// How long a call waits for its answer (`None`: forever); [`DEFAULT_CALL_TIMEOUT`]
    /// after connecting. A zero duration counts as 1 ms.
    pub fn set_timeout(&mut self, timeout: Option<Duration>) -> io::Result<()> {
        let timeout = timeout.map(|t| t.max(Duration::from_millis(1)));
        self.writer.set_read_timeout(timeout)?;
        self.writer.set_write_timeout(timeout)
    }

    /// Calls `method` with `params` (an object, or `null`) and returns its result.
    /// Errors: the server's error; `timeout` when no answer came in time; `internal`
    /// when the connection is lost. After a transport error every later call fails
    /// with `internal` (connect again).
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value, RpcError> {
        if let Some(why) = &self.broken {
            return Err(errors::internal(format!("connection to the daemon unusable: {why}")));
        }
        let id = self.next_id;
        self.next_id += 1;
        let mut line = serde_json::to_vec(&Request::new(id, method, params))
            .map_err(|e| errors::invalid_params(format!("encoding the request: {e}")))?;
        line.push(b'\n');
        let sent = self.writer.write_all(&line).and_then(|()| self.writer.flush());
        // Even when the write failed the server may have explained why (an
        // oversized request is answered, then the connection closed): read first.
        let answer = self.read_response();
        match (answer, sent) {
            (Ok(response), _) if response.id == Id::from(id) => response.into_result(),
            (Ok(response), _) if response.id == Id::Null && response.error.is_some() => {
                // The server refused the line itself (parse error, too large, busy).
                let error = response.into_result().unwrap_err();
                if matches!(error.kind(), ErrorKind::TooLarge | ErrorKind::Unauthorized)
                    || error.code == errors::BUSY
                {
                    self.broken = Some(error.message.clone());
                }
                Err(error)
            }
            (Ok(response), _) => {
                let why = format!("answer for id {:?} while waiting for {id}", response.id);
                self.broken = Some(why.clone());
                Err(errors::internal(why))
            }
            (Err(e), sent) => {
                let timed_out =
                    matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut);
                let why = match &sent {
                    Err(w) => format!("sending {method}: {w}"),
                    Ok(()) if timed_out => format!("no answer to {method} in time"),
                    Ok(()) => format!("reading the answer to {method}: {e}"),
                };
                self.broken = Some(why.clone());
                Err(if timed_out && sent.is_ok() {
                    errors::error(ErrorKind::Timeout, why)
                } else {
                    errors::internal(why)
                })
            }
        }
    }

    /// Calls the method `M` of the table ([`protocol::methods`]) with its typed params
    /// and returns its typed result: `client.request::<GraphCallers>(&params)`. A
    /// result of another shape is `internal`; other errors as [`Client::call`].
    pub fn request<M: Method>(&mut self, params: &M::Params) -> Result<M::Result, RpcError> {
        let result = self.call(M::NAME, to_params(params)?)?;
        from_result(M::NAME, result)
    }

    fn read_response(&mut self) -> io::Result<Response> {
        let mut line = String::new();
        if self.reader.read_line(&mut line)? == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the daemon closed the connection",
            ));
        }
        serde_json::from_str(&line).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("peer", &self.writer.peer_addr().ok())
            .field("next_id", &self.next_id)
            .field("broken", &self.broken)
            .finish()
    }
}

/// Whether answering `method` with `params` needs the daemon's sync barrier.
fn needs_barrier(method: &str, params: &Value) -> bool {
    method == protocol::method::SYNC || params.get("sync").and_then(Value::as_bool) == Some(true)
}

fn to_params<P: Serialize>(params: &P) -> Result<Value, RpcError> {
    serde_json::to_value(params).map_err(|e| errors::invalid_params(format!("params: {e}")))
}

fn from_result<R: DeserializeOwned>(method: &str, result: Value) -> Result<R, RpcError> {
    serde_json::from_value(result)
        .map_err(|e| errors::internal(format!("unexpected result of {method}: {e}")))
}

/// The method set of one index, answered by its daemon when one runs, else read from
/// the index directly (then `sync` returns at once: the index is as current as it gets,
/// and `status` has no `daemon` part).
///
/// A daemon that exists but cannot be reached (its socket accepts connections but it
/// refuses them as busy, or does not answer in time) is not the same as no daemon:
/// reads then fall back to the index (their answers say `source: "store"`), but
/// `sync` and `"sync": true` fail, since the index may lack changes the daemon has not
/// committed yet.
pub struct Codehub {
    backend: Backend,
    /// Why a daemon that is there could not be used, when the index is read instead.
    unreachable: Option<String>,
}

enum Backend {
    Daemon(Client),
    Store(Store),
}

impl std::fmt::Debug for Codehub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.backend {
            Backend::Daemon(client) => f.debug_tuple("Codehub::Daemon").field(client).finish(),
            Backend::Store(store) => f.debug_tuple("Codehub::Store").field(&store.path()).finish(),
        }
    }
}

impl Codehub {
    /// Opens the index of `state_dir` (`.codehub/` by default): through its daemon
    /// when `daemon.sock` answers within [`DEFAULT_CONNECT_TIMEOUT`], else by reading
    /// `index.db`. Errors: [`StoreError::NotIndexed`] when no daemon answers and there
    /// is no index; other store errors opening it.
    pub fn open(state_dir: &Path) -> Result<Codehub, StoreError> {
        Codehub::open_with(state_dir, DEFAULT_CONNECT_TIMEOUT)
    }

    /// [`Codehub::open`] waiting up to `connect_timeout` for a daemon.
    pub fn open_with(state_dir: &Path, connect_timeout: Duration) -> Result<Codehub, StoreError> {
        let daemon = |client| Ok(Codehub { backend: Backend::Daemon(client), unreachable: None });
        let unreachable = match Client::connect(state_dir, connect_timeout) {
            Ok(client) => return daemon(client),
            // A daemon accepted the connection but is slow to answer (busy applying a
            // burst of changes): it is there, so wait for it rather than reading an
            // index it is still writing, which would break read-your-writes.
            Err(e) if e.kind() == io::ErrorKind::TimedOut => {
                tracing::debug!("the daemon is busy; waiting for it");
                match Client::connect(state_dir, BUSY_DAEMON_TIMEOUT) {
                    Ok(client) => return daemon(client),
                    Err(e) => Some(e.to_string()),
                }
            }
            // Nothing listens: no daemon (or a dead one's socket file).
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused
                ) =>
            {
                tracing::debug!(error = %e, "no daemon answered; reading the index");
                None
            }
            // Busy, unauthorized, a broken answer: a daemon is there.
            Err(e) => Some(e.to_string()),
        };
        if let Some(why) = &unreachable {
            tracing::warn!("a daemon serves this index but cannot be reached ({why}); reading the index directly");
        }
        let store = Store::open_read_only(&StateDir::new(state_dir).db())?;
        Ok(Codehub { backend: Backend::Store(store), unreachable })
    }

    /// Who answers: [`Source::Daemon`] or [`Source::Store`].
    pub fn source(&self) -> Source {
        match self.backend {
            Backend::Daemon(_) => Source::Daemon,
            Backend::Store(_) => Source::Store,
        }
    }

    /// Calls `method` with `params`; errors as [`Client::call`] or
    /// [`methods::dispatch`]. Results carry `source`.
    ///
    /// When a daemon exists but could not be reached, `sync` and any call with
    /// `"sync": true` fail with `timeout` instead of answering from the index without
    /// a barrier.
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value, RpcError> {
        match &mut self.backend {
            Backend::Daemon(client) => client.call(method, params),
            Backend::Store(_) if self.unreachable.is_some() && needs_barrier(method, &params) => {
                let why = self.unreachable.as_deref().unwrap_or_default();
                Err(errors::error(
                    ErrorKind::Timeout,
                    format!(
                        "{method} needs the daemon's barrier, but the daemon serving this index cannot be reached: {why}"
                    ),
                ))
            }
            Backend::Store(store) => methods::dispatch(store, None, method, params),
        }
    }

    /// Sets how long calls to a daemon wait for their answer (as
    /// [`Client::set_timeout`]); nothing when the index is read directly.
    pub fn set_timeout(&mut self, timeout: Option<Duration>) -> io::Result<()> {
        match &mut self.backend {
            Backend::Daemon(client) => client.set_timeout(timeout),
            Backend::Store(_) => Ok(()),
        }
    }

    /// [`Codehub::call`] of the method `M` with typed params and result, as
    /// [`Client::request`].
    pub fn request<M: Method>(&mut self, params: &M::Params) -> Result<M::Result, RpcError> {
        let result = self.call(M::NAME, to_params(params)?)?;
        from_result(M::NAME, result)
    }
}
