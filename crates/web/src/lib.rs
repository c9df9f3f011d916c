//! `codehub serve --http ADDR`: the method set over HTTP (JSON-RPC at `/rpc`, REST
//! reads under `/v1`) and WebSocket (`/ws`, with change notifications), behind JWT
//! bearer auth.
//!
//! Shape: [`serve`] starts one thread that owns a tokio runtime ([`ASYNC_WORKERS`]). It
//! accepts TCP connections itself and serves each with hyper's HTTP/1 connection
//! (header read timeout, upgrades for `/ws`) around an axum router ([`routes`]).
//! Every answer comes from `server::dispatch` on tokio's blocking pool, where each
//! thread keeps one read-only store for its lifetime (never one per request). One
//! pusher thread ([`push`]) waits for commits and fans change notifications out to
//! WebSocket subscribers over bounded channels.
//!
//! Defences: auth ([`auth`]) is required on non-loopback addresses; any request with
//! a foreign `Origin` is refused (403); bodies over [`Limits::max_body_bytes`] get 413;
//! each request has a deadline (504, and SQLite stops the query); headers must arrive
//! within [`Limits::header_read_timeout`] and bodies within
//! [`Limits::body_read_timeout`] (408); JSON with repeated keys is an invalid request;
//! connections are capped (503 beyond); WebSocket peers that stop answering pings are
//! dropped.

#![warn(missing_docs)]

pub mod auth;
pub mod metrics;
mod openapi;
mod push;
mod routes;
mod ui;
mod ws;

use server::Live;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Semaphore};

pub use auth::Keys;

/// Threads of the server's async runtime. One is enough: it only parses HTTP and
/// moves bytes (queries run on the blocking pool), and on a 2-core machine shared
/// with the daemon and the clients, a second worker cost tail latency (wrk, 16
/// connections, Django, edits every 100 ms: p99 5.1-5.4 ms with 2 workers, 4.3 ms
/// with 1, at ~60k requests/s either way).
pub const ASYNC_WORKERS: usize = 1;

/// The OpenAPI 3.0.3 document served at `/openapi.json` (every HTTP route), generated
/// from the `protocol` types (`crates/web/src/openapi.rs`).
pub fn openapi_document() -> &'static serde_json::Value {
    openapi::document()
}

/// Errors starting the HTTP server.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// A non-loopback address without auth: anyone on the network could read the code.
    #[error(
        "refusing to serve {0} without auth: it is not a loopback address, so anyone who can reach it could read the code; add --auth (tokens from `codehub token issue`) or bind 127.0.0.1"
    )]
    Unprotected(SocketAddr),
    /// The address could not be bound.
    #[error("binding {addr}: {source}")]
    Bind {
        /// The address.
        addr: SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The index cannot be read.
    #[error("{0}")]
    Store(#[from] store::StoreError),
    /// The runtime or a thread could not be started.
    #[error("starting the HTTP server: {0}")]
    Start(std::io::Error),
}

/// Bounds on what clients can make the server do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest request body (default 1 MiB); larger ones get 413 `too_large`.
    pub max_body_bytes: usize,
    /// Deadline of one request (default 10 s); past it the answer is 504 `timeout`.
    pub request_timeout: Duration,
    /// Time a client has to send a request's headers (default 5 s); then the
    /// connection is closed.
    pub header_read_timeout: Duration,
    /// Time a client has to send a request's body once its headers are in (default
    /// 10 s); then it gets 408 `timeout` and the connection is closed.
    pub body_read_timeout: Duration,
    /// Most open HTTP connections (default 256); more get 503. WebSocket sessions
    /// are capped at the same number, separately.
    pub max_connections: usize,
    /// Interval of WebSocket pings (default 15 s).
    pub ws_ping_interval: Duration,
    /// A WebSocket peer silent this long (no pong, no message) is dropped (default 45 s).
    pub ws_idle_timeout: Duration,
    /// Notifications queued per subscriber (default 256); a subscriber that falls
    /// further behind is told so and disconnected.
    pub subscriber_buffer: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_body_bytes: 1024 * 1024,
            request_timeout: Duration::from_secs(10),
            header_read_timeout: Duration::from_secs(5),
            body_read_timeout: Duration::from_secs(10),
            max_connections: 256,
            ws_ping_interval: Duration::from_secs(15),
            ws_idle_timeout: Duration::from_secs(45),
            subscriber_buffer: 256,
        }
    }
}

/// What to serve and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// The address to bind (port 0 picks a free port: see [`Server::addr`]).
    pub addr: SocketAddr,
    /// The index database.
    pub db_path: PathBuf,
    /// `Some` to require bearer tokens signed with these keys; `None` serves without
    /// auth (refused unless `addr` is loopback).
    pub auth: Option<Keys>,
    /// Limits.
    pub limits: Limits,
}

/// A running HTTP server. Stop it with [`Server::stop`] (dropping it also stops it).
pub struct Server {
    addr: SocketAddr,
    shutdown: watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// The bound address (with the real port when 0 was asked).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting, closes every connection (in-flight requests are answered or
    /// abandoned at once) and joins the server's threads.
    pub fn stop(mut self) {
        self.stop_now();
    }

    fn stop_now(&mut self) {
        let _ = self.shutdown.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop_now();
    }
}

/// State shared by every request.
pub(crate) struct Shared {
    pub db_path: PathBuf,
    pub live: Arc<dyn Live>,
    pub auth: Option<Keys>,
    pub limits: Limits,
    /// The bound address: `Origin`s naming its host (or localhost when loopback) are
    /// ours.
    pub addr: SocketAddr,
    pub subscribers: Arc<push::Subscribers>,
    /// WebSocket sessions open (an upgraded connection leaves hyper's connection
    /// task, so the accept loop's cap no longer counts it; this one does).
    pub ws_slots: Arc<Semaphore>,
    /// Answers of REST graph reads at the current clock.
    pub cache: routes::Cache,
    pub shutdown: watch::Receiver<bool>,
}

/// Starts serving `options.addr` with answers from the index at `options.db_path`
/// and `live` (the running daemon). Returns once the address is bound.
///
/// Errors: [`WebError::Unprotected`] for a non-loopback address without auth, the
/// index cannot be opened, the address cannot be bound, threads cannot start.
pub fn serve(options: Options, live: Arc<dyn Live>) -> Result<Server, WebError> {
    if options.auth.is_none() && !options.addr.ip().is_loopback() {
        return Err(WebError::Unprotected(options.addr));
    }
    metrics::install();
    // Fail here, not in every request, when the index cannot be read.
    let clock = store::Store::open_read_only(&options.db_path)?.clock()?;
    let listener = std::net::TcpListener::bind(options.addr)
        .map_err(|source| WebError::Bind { addr: options.addr, source })?;
    listener.set_nonblocking(true).map_err(WebError::Start)?;
    let addr = listener.local_addr().map_err(WebError::Start)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(ASYNC_WORKERS)
        .max_blocking_threads(32)
        .thread_name("codehub-http")
        .enable_all()
        .build()
        .map_err(WebError::Start)?;
    let (shutdown_tx, shutdown_rx) = watch::channel(false);
    let subscribers = Arc::new(push::Subscribers::default());
    let pusher = push::start(
        options.db_path.clone(),
        live.clone(),
        subscribers.clone(),
        clock,
        shutdown_rx.clone(),
    )
    .map_err(WebError::Start)?;
    let shared = Arc::new(Shared {
        db_path: options.db_path,
        live,
        auth: options.auth,
        limits: options.limits,
        addr,
        subscribers,
        ws_slots: Arc::new(Semaphore::new(options.limits.max_connections)),
        cache: routes::Cache::default(),
        shutdown: shutdown_rx,
    });
    let thread = std::thread::Builder::new()
        .name("codehub-http-main".into())
        .spawn(move || {
            runtime.block_on(accept_loop(listener, shared));
            // Abandon requests still running on the blocking pool (their answers have
            // nowhere to go) instead of waiting out their deadlines.
            runtime.shutdown_timeout(Duration::from_millis(100));
            let _ = pusher.join();
        })
        .map_err(WebError::Start)?;
    Ok(Server { addr, shutdown: shutdown_tx, thread: Some(thread) })
}

/// Accepts connections until shutdown; serves each on its own task with hyper's
/// HTTP/1 connection (header read timeout, upgrades), within the connection cap.
async fn accept_loop(listener: std::net::TcpListener, shared: Arc<Shared>) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(error = %e, "http: cannot register the listener");
            return;
        }
    };
    let router = routes::router(shared.clone());
    let slots = Arc::new(Semaphore::new(shared.limits.max_connections));
    let mut shutdown = shared.shutdown.clone();
    let mut tasks = tokio::task::JoinSet::new();
    loop {
        let (stream, _peer) = tokio::select! {
            _ = crate::stopped(&mut shutdown) => break,
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // E.g. out of file descriptors: back off instead of spinning.
                    tracing::warn!(error = %e, "http: accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        while tasks.try_join_next().is_some() {}
        let _ = stream.set_nodelay(true);
        let Ok(permit) = slots.clone().try_acquire_owned() else {
            tasks.spawn(refuse_busy(stream, shared.limits.max_connections));
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(router.clone());
        let limits = shared.limits;
        let mut stop = shared.shutdown.clone();
        tasks.spawn(async move {
            let _permit = permit;
            let conn = hyper::server::conn::http1::Builder::new()
                .timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(limits.header_read_timeout)
                .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                .with_upgrades();
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = crate::stopped(&mut stop) => {
                    conn.as_mut().graceful_shutdown();
                    let _ = tokio::time::timeout(Duration::from_millis(200), conn).await;
                }
            }
        });
    }
    tasks.abort_all();
    while tasks.join_next().await.is_some() {}
}

/// Resolves once the server is told to stop (at once if it already was).
pub(crate) async fn stopped(shutdown: &mut watch::Receiver<bool>) {
    // The guard `wait_for` returns is dropped here, so callers' futures stay `Send`.
    let _ = shutdown.wait_for(|stop| *stop).await;
}

/// Answers one connection over the cap with 503 and closes it.
async fn refuse_busy(mut stream: tokio::net::TcpStream, max: usize) {
    use tokio::io::AsyncWriteExt;
    let error = server::errors::busy(max);
    let body = serde_json::json!({ "error": error }).to_string();
    let head = format!(
        "HTTP/1.1 {} Service Unavailable\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
        server::errors::BUSY_STATUS,
        body.len()
    );
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        let _ = stream.write_all(head.as_bytes()).await;
        let _ = stream.write_all(body.as_bytes()).await;
        let _ = stream.shutdown().await;
    })
    .await;
}

/// Runs `f` with this blocking-pool thread's read-only store of `db_path`, opening
/// it on the thread's first request (each thread keeps one; a store that failed is
/// reopened on the next call).
pub(crate) fn with_store<T>(
    db_path: &Path,
    f: impl FnOnce(&store::Store) -> T,
) -> Result<T, store::StoreError> {
    use std::cell::RefCell;
    thread_local! {
        static STORE: RefCell<Option<store::Store>> = const { RefCell::new(None) };
    }
    STORE.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|s| s.path() != db_path) {
            *slot = Some(store::Store::open_read_only(db_path)?);
        }
        let store = slot.as_ref().expect("opened above");
        Ok(f(store))
    })
}
