//! The Unix-socket JSON-RPC server: newline-delimited requests, one thread per
//! connection. Plain reads run on the connection thread with its own read-only store
//! (their deadline is enforced inside SQLite); requests that may wait on the daemon
//! (`sync`, `"sync": true`, `shutdown`) or run long in Rust (`context.pack`) go to
//! the connection's request thread, which owns another store.
//!
//! Defences (SPEC §5.7): the socket is 0600 and the peer's uid must be ours
//! (SO_PEERCRED); connections are capped, with a few more slots reserved for the
//! control methods (`health`, `status`, `sync`, `shutdown`) so that idle or greedy
//! clients cannot lock `codehub sync`/`stop` out; a connection idle past
//! `idle_timeout` is closed; a request line is read to at most
//! `max_request_bytes + 1` bytes and must be JSON without repeated keys; each request
//! runs under a deadline: an inline read is interrupted by SQLite's progress handler,
//! a request-thread job is watched by the connection thread, which answers `timeout`
//! and abandons the request thread (a fresh one with a fresh store serves the next
//! request); on stop every running query is interrupted (`sqlite3_interrupt`); a
//! panic is caught and answered `internal`. Readers use WAL snapshots and never block
//! the writer.

use crate::{errors, methods, Live};
use protocol::{ErrorKind, Id, Response, RpcError};
use serde_json::Value;
use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;
use store::Store;

/// How often the idle accept loop looks at the stop flag.
/// A stop is noticed at once when followed by [`wake`]; otherwise within this long.
/// Long enough that an idle server costs no measurable CPU.
const STOP_POLL: Duration = Duration::from_secs(1);

/// Bounds on what one client can make the server do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Longest request line in bytes, without its newline (default 1 MiB). A longer
    /// line is answered `too_large` and its connection closed.
    pub max_request_bytes: usize,
    /// Deadline of one request (default 10 s); past it the answer is `timeout`. Also
    /// the write timeout of a response.
    pub request_timeout: Duration,
    /// Most connections served at once for any method (default 64); past it a
    /// connection gets one of the reserved slots, and past those it is answered with
    /// an `internal` "server busy" error (code -32006) and closed.
    pub max_connections: usize,
    /// Further connections beyond `max_connections` that may only call `health`,
    /// `status`, `sync` and `shutdown` (default 4): `codehub status`, `sync` and
    /// `stop` keep working while every ordinary slot is taken. Another method on such
    /// a connection is answered "server busy" and the connection closed.
    pub reserved_connections: usize,
    /// A connection that sends no complete request for this long is closed (default
    /// 30 s), so idle clients cannot hold slots forever.
    pub idle_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_request_bytes: 1024 * 1024,
            request_timeout: Duration::from_secs(10),
            max_connections: 64,
            reserved_connections: 4,
            idle_timeout: Duration::from_secs(30),
        }
    }
}

/// Serves JSON-RPC on a Unix socket at `socket_path` (a stale socket file there is
/// removed; the new one gets mode 0600) with answers read from the index at
/// `db_path`, until `stop` becomes true. Returns once the socket accepts
/// connections; the returned thread accepts them, and on stop closes every
/// connection, joins their threads and removes the socket file: within ~50 ms of
/// `stop`, plus the time in-flight requests take to be answered (at most the request
/// deadline).
///
/// Errors: the index cannot be opened (`NotFound` when it does not exist), another
/// server answers at `socket_path` (`AddrInUse`), something that is not a socket is
/// in the way (`AlreadyExists`), or binding fails.
pub fn serve(
    socket_path: &Path,
    db_path: &Path,
    live: Arc<dyn Live>,
    limits: Limits,
    stop: Arc<AtomicBool>,
) -> io::Result<JoinHandle<()>> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    let uid = unsafe { libc::geteuid() };
    serve_as(socket_path, db_path, live, limits, stop, uid)
}

/// [`serve`] accepting peers of uid `allowed_uid` (tests use another uid to see the
/// refusal).
pub(crate) fn serve_as(
    socket_path: &Path,
    db_path: &Path,
    live: Arc<dyn Live>,
    limits: Limits,
    stop: Arc<AtomicBool>,
    allowed_uid: u32,
) -> io::Result<JoinHandle<()>> {
    // Fail in the caller, not in every request, when the index cannot be read.
    Store::open_read_only(db_path).map_err(|e| {
        let kind = match e {
            store::StoreError::NotIndexed(_) => io::ErrorKind::NotFound,
            _ => io::ErrorKind::Other,
        };
        io::Error::new(kind, e.to_string())
    })?;
    remove_stale(socket_path)?;
    let listener = UnixListener::bind(socket_path)?;
    // The state directory is 0700 already; this keeps the socket private even if the
    // directory's mode is loosened.
    std::fs::set_permissions(socket_path, std::fs::Permissions::from_mode(0o600))?;
    let inode = std::fs::metadata(socket_path)?.ino();
    listener.set_nonblocking(true)?;
    let shared = Arc::new(Shared {
        db_path: db_path.to_owned(),
        live,
        limits,
        stop,
        allowed_uid,
        open: AtomicUsize::new(0),
        streams: Mutex::new(HashMap::new()),
        interrupts: Mutex::new(HashMap::new()),
        next_store: AtomicU64::new(0),
    });
    let socket_path = socket_path.to_owned();
    std::thread::Builder::new()
        .name("codehub-socket".into())
        .spawn(move || accept_loop(listener, shared, socket_path, inode))
}

/// Removes a socket file nobody listens on; refuses to touch a live socket or a file
/// that is not a socket.
fn remove_stale(path: &Path) -> io::Result<()> {
    match UnixStream::connect(path) {
        Ok(_) => {
            return Err(io::Error::new(
                io::ErrorKind::AddrInUse,
                format!("{} is in use: a daemon is already running", path.display()),
            ))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(_) => {}
    }
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_socket() => std::fs::remove_file(path),
        Ok(_) => Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} exists and is not a socket", path.display()),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// State shared by the accept loop and the connection threads.
struct Shared {
    db_path: PathBuf,
    live: Arc<dyn Live>,
    limits: Limits,
    stop: Arc<AtomicBool>,
    allowed_uid: u32,
    /// Connections being served.
    open: AtomicUsize,
    /// A handle on each open connection, to shut it down on stop.
    streams: Mutex<HashMap<u64, UnixStream>>,
    /// An interrupt handle on each store a connection or request thread reads, to
    /// cut running queries short on stop.
    interrupts: Mutex<HashMap<u64, store::Interrupt>>,
    next_store: AtomicU64,
}

impl Shared {
    fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// Opens a read-only store whose queries a stop interrupts.
    fn open_store(self: &Arc<Shared>) -> store::Result<Watched> {
        let store = Store::open_read_only(&self.db_path)?;
        let key = self.next_store.fetch_add(1, Ordering::SeqCst);
        self.interrupts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, store.interrupt_handle());
        if self.stopping() {
            // The stop may have interrupted the others before this one registered.
            store.interrupt_handle().interrupt();
        }
        Ok(Watched { store, key, shared: self.clone() })
    }

    /// Interrupts every query running on a registered store.
    fn interrupt_all(&self) {
        for handle in self.interrupts.lock().unwrap_or_else(|e| e.into_inner()).values() {
            handle.interrupt();
        }
    }
}

/// A store registered in [`Shared::interrupts`] until dropped.
struct Watched {
    store: Store,
    key: u64,
    shared: Arc<Shared>,
}

impl std::ops::Deref for Watched {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.store
    }
}

impl Drop for Watched {
    fn drop(&mut self) {
        self.shared.interrupts.lock().unwrap_or_else(|e| e.into_inner()).remove(&self.key);
    }
}

fn accept_loop(listener: UnixListener, shared: Arc<Shared>, socket_path: PathBuf, inode: u64) {
    let mut threads: Vec<JoinHandle<()>> = Vec::new();
    let mut next_conn: u64 = 0;
    while !shared.stopping() {
        match wait_readable(listener.as_raw_fd(), STOP_POLL) {
            Ok(false) => continue,
            Ok(true) => {}
            Err(e) => {
                tracing::warn!(error = %e, "socket: poll failed");
                std::thread::sleep(STOP_POLL);
                continue;
            }
        }
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => continue,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                // E.g. out of file descriptors: back off instead of spinning.
                tracing::warn!(error = %e, "socket: accept failed");
                std::thread::sleep(STOP_POLL);
                continue;
            }
        };
        threads.retain(|t| !t.is_finished());
        next_conn += 1;
        if let Some(thread) = admit(stream, &shared, next_conn) {
            threads.push(thread);
        }
    }
    // Wake every connection blocked in a read: it sees EOF and ends. Only the read
    // side, so that an answer being written (to `shutdown`, say) still arrives.
    for stream in shared.streams.lock().unwrap_or_else(|e| e.into_inner()).values() {
        let _ = stream.shutdown(std::net::Shutdown::Read);
    }
    // A query running on a connection would hold its thread (and this join) until
    // it ends, however long: cut it short.
    shared.interrupt_all();
    for thread in threads {
        let _ = thread.join();
    }
    drop(listener);
    // Remove the socket only if it is still ours (a new daemon may have replaced it).
    if std::fs::metadata(&socket_path).is_ok_and(|m| m.ino() == inode) {
        let _ = std::fs::remove_file(&socket_path);
    }
}

/// Makes a server whose `stop` flag was just set notice it now, by connecting to its
/// socket once (the accept loop then sees the flag). Harmless when nothing listens.
pub fn wake(socket_path: &Path) {
    let _ = UnixStream::connect(socket_path);
}

/// Checks a new connection's peer and the connection cap, then starts its thread.
fn admit(stream: UnixStream, shared: &Arc<Shared>, conn: u64) -> Option<JoinHandle<()>> {
    let refuse = |mut stream: UnixStream, error: RpcError| {
        let _ = stream.set_nonblocking(false);
        let _ = stream.set_write_timeout(Some(shared.limits.request_timeout));
        let _ = write_response(&mut stream, &Response::err(Id::Null, error));
    };
    match peer_uid(&stream) {
        Ok(uid) if uid == shared.allowed_uid => {}
        Ok(uid) => {
            tracing::warn!(uid, "socket: refused a connection from another user");
            refuse(
                stream,
                errors::error(
                    ErrorKind::Unauthorized,
                    format!("uid {uid} may not use this daemon"),
                ),
            );
            return None;
        }
        Err(e) => {
            refuse(stream, errors::error(ErrorKind::Unauthorized, format!("peer unknown: {e}")));
            return None;
        }
    }
    let max = shared.limits.max_connections;
    let open = shared.open.load(Ordering::SeqCst);
    if open >= max.saturating_add(shared.limits.reserved_connections) {
        refuse(stream, errors::busy(max));
        return None;
    }
    // Only this thread admits connections, so `open` cannot grow meanwhile.
    let reserved = open >= max;
    let registered = match stream.try_clone() {
        Ok(clone) => clone,
        Err(e) => {
            refuse(stream, errors::internal(format!("server out of resources: {e}")));
            return None;
        }
    };
    shared.open.fetch_add(1, Ordering::SeqCst);
    shared.streams.lock().unwrap_or_else(|e| e.into_inner()).insert(conn, registered);
    let guard = Open { shared: shared.clone(), conn };
    let spawned = std::thread::Builder::new().name("codehub-conn".into()).spawn(move || {
        let guard = guard;
        serve_connection(stream, &guard.shared, reserved);
    });
    match spawned {
        Ok(thread) => Some(thread),
        // The closure (and the guard in it) was dropped: the slot is released.
        Err(e) => {
            tracing::warn!(error = %e, "socket: could not start a connection thread");
            None
        }
    }
}

/// Releases a connection's slot when its thread ends, however it ends.
struct Open {
    shared: Arc<Shared>,
    conn: u64,
}

impl Drop for Open {
    fn drop(&mut self) {
        self.shared.streams.lock().unwrap_or_else(|e| e.into_inner()).remove(&self.conn);
        self.shared.open.fetch_sub(1, Ordering::SeqCst);
    }
}

/// What reading one request line produced.
enum Line {
    /// A complete line, without its newline (or the last bytes before EOF).
    Data(Vec<u8>),
    /// The line runs past the limit; `max + 1` bytes of it were read.
    TooLarge,
    Eof,
}

/// Reads one `\n`-terminated line of at most `max` bytes, consuming at most `max + 1`
/// bytes of a longer one (plus what the reader had buffered).
fn read_line(reader: &mut impl BufRead, max: usize) -> io::Result<Line> {
    let mut line = Vec::new();
    loop {
        let available = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(if line.is_empty() { Line::Eof } else { Line::Data(line) });
        }
        let room = max.saturating_add(1) - line.len();
        let window = &available[..available.len().min(room)];
        if let Some(i) = window.iter().position(|&b| b == b'\n') {
            line.extend_from_slice(&window[..i]);
            reader.consume(i + 1);
            return Ok(Line::Data(line));
        }
        let n = window.len();
        line.extend_from_slice(window);
        reader.consume(n);
        if line.len() > max {
            return Ok(Line::TooLarge);
        }
    }
}

/// Methods a connection in a reserved slot may call: what `codehub status`, `sync`
/// and `stop` need.
fn control_method(method: &str) -> bool {
    use protocol::method::*;
    matches!(method, HEALTH | STATUS | SYNC | SHUTDOWN)
}

/// Serves one connection until EOF, an idle timeout, a fatal refusal or stop.
/// `reserved`: the connection holds a reserved slot (control methods only).
fn serve_connection(stream: UnixStream, shared: &Arc<Shared>, reserved: bool) {
    let limits = shared.limits;
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_write_timeout(Some(limits.request_timeout));
    // SO_RCVTIMEO: a read waiting this long for a request ends the connection.
    let _ = stream.set_read_timeout(Some(limits.idle_timeout.max(Duration::from_millis(1))));
    let Ok(read_half) = stream.try_clone() else { return };
    let mut reader = BufReader::with_capacity(64 * 1024, read_half);
    let mut writer = stream;
    let mut worker: Option<Worker> = None;
    let mut inline: Option<Watched> = None;
    loop {
        let line = match read_line(&mut reader, limits.max_request_bytes) {
            Ok(Line::Data(line)) => line,
            Ok(Line::Eof) => break,
            Err(e) => {
                if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) {
                    tracing::debug!("socket: closing a connection idle past the idle timeout");
                }
                break;
            }
            Ok(Line::TooLarge) => {
                let error = errors::error(
                    ErrorKind::TooLarge,
                    format!(
                        "request line over {} bytes; the connection is closed",
                        limits.max_request_bytes
                    ),
                );
                let _ = write_response(&mut writer, &Response::err(Id::Null, error));
                break;
            }
        };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let response = match crate::jsonrpc::parse_request(&line) {
            Err(response) => Some(*response),
            Ok(request) if reserved && !control_method(&request.method) => {
                let error = errors::busy(limits.max_connections);
                let id = request.id.unwrap_or(Id::Null);
                let _ = write_response(&mut writer, &Response::err(id, error));
                break;
            }
            Ok(request) => {
                let known = protocol::method::ALL.iter().find(|m| **m == request.method);
                let answer = if runs_inline(&request.method, &request.params) {
                    run_inline(shared, &mut inline, &request.method, request.params)
                } else {
                    run(shared, &mut worker, request.method, request.params)
                };
                let status = answer.as_ref().map_or_else(|e| e.data.kind.as_str(), |_| "ok");
                metrics::counter!("codehub_requests_total", "transport" => "socket", "method" => *known.unwrap_or(&"unknown"), "status" => status).increment(1);
                request.id.map(|id| match answer {
                    Ok(result) => Response::ok(id, result),
                    Err(error) => Response::err(id, error),
                })
            }
        };
        if let Some(response) = response {
            if write_response(&mut writer, &response).is_err() {
                break;
            }
        }
        if shared.stopping() {
            break;
        }
    }
    if let Some(worker) = worker {
        worker.finish();
    }
}

fn write_response(writer: &mut UnixStream, response: &Response) -> io::Result<()> {
    let mut bytes = serde_json::to_vec(response).map_err(io::Error::other)?;
    bytes.push(b'\n');
    writer.write_all(&bytes)?;
    writer.flush()
}

/// Whether a request is answered on the connection thread itself: reads of the
/// store that never wait on the daemon. Handing them to the request thread costs two
/// thread wake-ups per request, which on a busy machine is most of a fast query's
/// latency; their deadline is enforced inside SQLite instead ([`Store::set_deadline`]).
/// Requests that may wait (`sync`, `"sync": true`, `shutdown`) or run long in Rust
/// (`context.pack`) keep the request thread, which the deadline can abandon.
fn runs_inline(method: &str, params: &Value) -> bool {
    use protocol::method::*;
    matches!(
        method,
        HEALTH
            | NODES_GET
            | NODES_FIND
            | GRAPH_CALLERS
            | GRAPH_CALLEES
            | GRAPH_NEIGHBORS
            | GRAPH_TESTS
            | SEARCH_TEXT
            | CHANGES_SINCE
    ) && !matches!(params.get("sync"), Some(Value::Bool(true)))
}

/// Runs a read on the connection thread with the connection's own read-only store,
/// under the request deadline (a query past it is interrupted and answered
/// `timeout`); a panic is caught, answered `internal`, and the store reopened.
fn run_inline(
    shared: &Arc<Shared>,
    store: &mut Option<Watched>,
    method: &str,
    params: Value,
) -> Result<Value, RpcError> {
    if store.is_none() {
        *store = Some(shared.open_store().map_err(|e| errors::internal(format!("store: {e}")))?);
    }
    let s = store.as_ref().expect("opened above");
    let deadline = std::time::Instant::now() + shared.limits.request_timeout;
    s.set_deadline(Some(deadline));
    let answer = catch_unwind(AssertUnwindSafe(|| {
        methods::dispatch_with(s, Some(&*shared.live), method, params, Duration::ZERO)
    }));
    s.set_deadline(None);
    match answer {
        // An interrupted statement surfaces as a store (internal) error.
        Ok(Err(e)) if shared.stopping() && e.data.kind == ErrorKind::Internal => {
            Err(errors::internal(format!("{method} was cut short: the daemon is stopping")))
        }
        Ok(Err(_)) if std::time::Instant::now() >= deadline => {
            tracing::warn!(method, "socket: request timed out");
            Err(errors::error(
                ErrorKind::Timeout,
                format!(
                    "{method} ran past the {:.1} s request deadline",
                    shared.limits.request_timeout.as_secs_f64()
                ),
            ))
        }
        Ok(answer) => answer,
        Err(panic) => {
            *store = None;
            Err(panic_error(method, panic))
        }
    }
}

/// The `internal` answer to a request that panicked.
fn panic_error(method: &str, panic: Box<dyn std::any::Any + Send>) -> RpcError {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".into());
    tracing::error!(method, panic = %what, "socket: request panicked");
    errors::internal(format!("{method} failed: internal panic: {what}"))
}

/// Runs one request on the connection's request thread under the deadline.
fn run(
    shared: &Arc<Shared>,
    worker: &mut Option<Worker>,
    method: String,
    params: Value,
) -> Result<Value, RpcError> {
    let deadline = request_deadline(shared.limits.request_timeout, &method, &params);
    let current = match worker.take() {
        Some(w) => w,
        None => Worker::spawn(shared.clone())
            .map_err(|e| errors::internal(format!("server out of resources: {e}")))?,
    };
    if current.jobs.send((method.clone(), params)).is_err() {
        return Err(errors::internal("the request thread ended"));
    }
    // A stop does not cut a request short: the daemon's `sync` fails promptly on
    // shutdown, and anything else is bounded by the deadline. (So `shutdown` itself
    // is answered.)
    match current.answers.recv_timeout(deadline) {
        Ok(answer) => {
            *worker = Some(current);
            answer
        }
        Err(RecvTimeoutError::Timeout) => {
            // Abandon the request thread: it ends when its query does, and its
            // answer goes nowhere. The next request gets a new thread and store.
            tracing::warn!(method, "socket: request timed out");
            Err(errors::error(
                ErrorKind::Timeout,
                format!("{method} ran past the {:.1} s request deadline", deadline.as_secs_f64()),
            ))
        }
        Err(RecvTimeoutError::Disconnected) => Err(errors::internal("the request thread ended")),
    }
}

/// How long one request may take: `base` (a transport's request timeout), stretched
/// for a `sync` whose valid `timeout_ms` asks for longer (plus 1 s, so that the
/// barrier's own answer arrives before the transport's `timeout`).
pub fn request_deadline(base: Duration, method: &str, params: &Value) -> Duration {
    let asked = (method == protocol::method::SYNC)
        .then(|| params.get("timeout_ms").and_then(Value::as_u64))
        .flatten()
        .filter(|ms| (1..=protocol::MAX_SYNC_TIMEOUT_MS).contains(ms));
    match asked {
        Some(ms) => base.max(Duration::from_millis(ms) + Duration::from_secs(1)),
        None => base,
    }
}

type Job = (String, Value);

/// A connection's request thread: it owns a read-only store and answers jobs in order.
struct Worker {
    jobs: mpsc::Sender<Job>,
    answers: mpsc::Receiver<Result<Value, RpcError>>,
    thread: JoinHandle<()>,
}

impl Worker {
    fn spawn(shared: Arc<Shared>) -> io::Result<Worker> {
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (answer_tx, answers) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("codehub-request".into())
            .spawn(move || work(&shared, job_rx, answer_tx))?;
        Ok(Worker { jobs, answers, thread })
    }

    /// Ends an idle request thread and waits for it (it closes its store).
    fn finish(self) {
        drop(self.jobs);
        let _ = self.thread.join();
    }
}

fn work(
    shared: &Arc<Shared>,
    jobs: mpsc::Receiver<Job>,
    answers: mpsc::Sender<Result<Value, RpcError>>,
) {
    let open = || shared.open_store();
    let mut store = open();
    // Keep the barrier inside the request deadline so the daemon's own reason for a
    // failed sync reaches the caller instead of a generic timeout.
    let sync_timeout = shared.limits.request_timeout.mul_f64(0.9);
    for (method, params) in jobs {
        if store.is_err() {
            store = open();
        }
        let answer = match &store {
            Err(e) => Err(errors::internal(format!("store: {e}"))),
            Ok(s) => catch_unwind(AssertUnwindSafe(|| {
                methods::dispatch_with(s, Some(&*shared.live), &method, params, sync_timeout)
            }))
            .unwrap_or_else(|panic| {
                // The store may have been left mid-statement: start afresh.
                store = open();
                Err(panic_error(&method, panic))
            }),
        };
        if answers.send(answer).is_err() {
            break; // abandoned after a timeout
        }
    }
}

/// Waits up to `timeout` for `fd` to be readable (a pending connection).
fn wait_readable(fd: RawFd, timeout: Duration) -> io::Result<bool> {
    let mut poll = libc::pollfd { fd, events: libc::POLLIN, revents: 0 };
    let ms = timeout.as_millis().min(i32::MAX as u128) as libc::c_int;
    // SAFETY: one valid pollfd, count 1.
    let rc = unsafe { libc::poll(&mut poll, 1, ms) };
    match rc {
        -1 => {
            let e = io::Error::last_os_error();
            if e.kind() == io::ErrorKind::Interrupted {
                Ok(false)
            } else {
                Err(e)
            }
        }
        0 => Ok(false),
        _ => Ok(true),
    }
}

/// The uid of the process at the other end of `stream`.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn peer_uid(stream: &UnixStream) -> io::Result<u32> {
    let mut cred = libc::ucred { pid: 0, uid: 0, gid: 0 };
    let mut len = std::mem::size_of::<libc::ucred>() as libc::socklen_t;
    // SAFETY: `cred` is a writable ucred and `len` its size, as SO_PEERCRED requires.
    let rc = unsafe {
        libc::getsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_PEERCRED,
            (&mut cred as *mut libc::ucred).cast(),
            &mut len,
        )
    };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(cred.uid)
}

/// The uid of the process at the other end of `stream`.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn peer_uid(stream: &UnixStream) -> io::Result<u32> {
    let mut uid: libc::uid_t = 0;
    let mut gid: libc::gid_t = 0;
    // SAFETY: both out-pointers are valid for writes.
    let rc = unsafe { libc::getpeereid(stream.as_raw_fd(), &mut uid, &mut gid) };
    if rc != 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(uid)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct NoDaemon;

    impl Live for NoDaemon {
        fn sync(&self, _timeout: Duration) -> Result<u64, String> {
            Err("no daemon".into())
        }
        fn daemon_status(&self) -> protocol::DaemonStatus {
            unreachable!("never asked: the peer is refused first")
        }
        fn shutdown(&self) {}
    }

    #[test]
    fn a_peer_of_another_uid_is_refused_and_closed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.py"), "def f():\n    pass\n").unwrap();
        let config = index::Config::new(dir.path()).unwrap();
        index::index(&config, &|_| {}).unwrap();
        let socket = model::state_dir::StateDir::new(&config.state_dir).socket();
        let stop = Arc::new(AtomicBool::new(false));
        // SAFETY: geteuid has no preconditions.
        let someone_else = unsafe { libc::geteuid() }.wrapping_add(1);
        let thread = serve_as(
            &socket,
            &config.db_path(),
            Arc::new(NoDaemon),
            Limits::default(),
            stop.clone(),
            someone_else,
        )
        .unwrap();

        let stream = UnixStream::connect(&socket).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let mut reader = BufReader::new(stream);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let answer: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(answer["error"]["data"]["kind"], "unauthorized", "{answer}");
        assert_eq!(answer["error"]["code"], errors::UNAUTHORIZED);
        line.clear();
        assert_eq!(reader.read_line(&mut line).unwrap(), 0, "closed after the refusal");

        stop.store(true, Ordering::SeqCst);
        thread.join().unwrap();
        assert!(!socket.exists());
    }

    #[test]
    fn a_line_over_the_limit_is_cut_after_limit_plus_one_bytes() {
        let mut input = io::Cursor::new(b"0123456789\nabc\n".to_vec());
        assert!(matches!(read_line(&mut input, 4).unwrap(), Line::TooLarge));
        assert_eq!(input.position(), 5);

        let mut input = io::Cursor::new(b"0123\nabc".to_vec());
        assert!(matches!(read_line(&mut input, 4).unwrap(), Line::Data(l) if l == b"0123"));
        assert!(matches!(read_line(&mut input, 4).unwrap(), Line::Data(l) if l == b"abc"));
        assert!(matches!(read_line(&mut input, 4).unwrap(), Line::Eof));
    }
}
