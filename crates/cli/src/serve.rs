//! `codehub serve`: runs the daemon and its socket server in the foreground until
//! SIGINT, SIGTERM or a `shutdown` request (`codehub stop`), then stops cleanly:
//! in-flight changes are committed, the socket is removed, the lock released.

use anyhow::{Context, Result};
use server::protocol::DaemonStatus;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The daemon as the socket server sees it.
struct LiveDaemon {
    daemon: Arc<index::Daemon>,
    /// Tells the main thread to stop (a `shutdown` request).
    stop: std::sync::mpsc::SyncSender<()>,
    /// `context.pack` sessions, shared by every transport.
    sessions: context::Sessions,
}

impl server::Live for LiveDaemon {
    fn sync(&self, timeout: Duration) -> Result<u64, String> {
        self.daemon.sync(timeout)
    }

    fn daemon_status(&self) -> DaemonStatus {
        DaemonStatus { metrics: web::metrics::snapshot(), ..self.daemon.stats() }
    }

    fn shutdown(&self) {
        let _ = self.stop.try_send(());
    }

    fn sessions(&self) -> Option<&context::Sessions> {
        Some(&self.sessions)
    }

    fn wait_for_commit(&self, after: u64, timeout: Duration) -> u64 {
        self.daemon.wait_for_commit(after, timeout)
    }
}

/// `--http ADDR [--auth]`.
pub struct Http {
    /// Address of the HTTP/WebSocket server.
    pub addr: std::net::SocketAddr,
    /// Require bearer tokens.
    pub auth: bool,
}

/// Serves `config.root` (and HTTP/WebSocket when `http` is given) until asked to
/// stop. Exit code 1 when another daemon already serves the root, or when `http`
/// names a non-loopback address without auth.
pub fn run(
    config: index::Config,
    options: index::DaemonOptions,
    http: Option<Http>,
) -> Result<ExitCode> {
    if let Some(Http { addr, auth: false }) = &http {
        if !addr.ip().is_loopback() {
            // Before the daemon starts: a refusal must not cost an index run.
            eprintln!("codehub: {}", web::WebError::Unprotected(*addr));
            return Ok(ExitCode::from(1));
        }
    }
    let signals = block_termination_signals();
    // Before the daemon starts, so the start-up index is counted (`/metrics`, `status`).
    web::metrics::install();
    let daemon = match index::Daemon::start(config.clone(), options) {
        Ok(d) => Arc::new(d),
        Err(e @ index::DaemonError::AlreadyRunning { .. }) => {
            eprintln!("codehub: {e}");
            return Ok(ExitCode::from(1));
        }
        Err(e) => return Err(e.into()),
    };
    let stop = Arc::new(AtomicBool::new(false));
    // Both a `shutdown` request and a signal end the wait below: no polling, so an
    // idle daemon uses no CPU.
    let (stop_tx, stop_rx) = std::sync::mpsc::sync_channel::<()>(2);
    let live = Arc::new(LiveDaemon {
        daemon: daemon.clone(),
        stop: stop_tx.clone(),
        sessions: context::Sessions::default(),
    });
    let socket = index::StateDir::new(&config.state_dir).socket();
    let accept = server::serve(
        &socket,
        &config.db_path(),
        live.clone(),
        server::Limits::default(),
        stop.clone(),
    )
    .with_context(|| format!("serving on {}", socket.display()))?;
    eprintln!("codehub: serving {} on {}", config.root.display(), socket.display());
    let web = match http {
        None => None,
        Some(http) => match start_http(&config, http, live) {
            Ok(web) => Some(web),
            Err(e) => {
                stop.store(true, Ordering::SeqCst);
                server::wake(&socket);
                let _ = accept.join();
                daemon.stop();
                return Err(e);
            }
        },
    };
    let root_watch = stop_tx.clone();
    std::thread::Builder::new()
        .name("codehub-signals".into())
        .spawn(move || {
            wait_for_signal(&signals);
            let _ = stop_tx.try_send(());
        })
        .context("spawning the signal thread")?;
    // The daemon stops itself when its root is deleted: end the process then too.
    // (A stop request wakes `wait_for_commit`, so this thread costs nothing idle.)
    let watched = daemon.clone();
    std::thread::Builder::new()
        .name("codehub-stopping".into())
        .spawn(move || {
            while !watched.stopping() {
                watched.wait_for_commit(u64::MAX, Duration::from_secs(3600));
            }
            let _ = root_watch.try_send(());
        })
        .context("spawning the stop watcher")?;
    let _ = stop_rx.recv();
    match daemon.stats().last_error {
        Some(why) if daemon.stopping() && !config.root.is_dir() => {
            eprintln!("codehub: stopping: {why}")
        }
        _ => eprintln!("codehub: stopping"),
    }
    if let Some(web) = web {
        web.stop();
    }
    stop.store(true, Ordering::SeqCst);
    server::wake(&socket);
    let _ = accept.join();
    daemon.stop();
    Ok(ExitCode::SUCCESS)
}

/// Starts the HTTP/WebSocket server of `http` beside the socket.
fn start_http(config: &index::Config, http: Http, live: Arc<LiveDaemon>) -> Result<web::Server> {
    let auth = if http.auth {
        Some(web::Keys::load_or_create(&config.state_dir).context("loading the token key")?)
    } else {
        None
    };
    let options = web::Options {
        addr: http.addr,
        db_path: config.db_path(),
        auth,
        limits: web::Limits::default(),
    };
    let server = web::serve(options, live)?;
    let mode = if http.auth { "bearer tokens required" } else { "no auth" };
    eprintln!("codehub: HTTP and WebSocket on http://{} ({mode})", server.addr());
    Ok(server)
}

/// Blocks SIGINT and SIGTERM in this thread and every thread it spawns later, so
/// that only the signal thread receives them (with sigwait) and shutdown is orderly.
fn block_termination_signals() -> libc::sigset_t {
    // SAFETY: plain libc calls on a local, initialised sigset_t.
    unsafe {
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGTERM);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
        set
    }
}

fn wait_for_signal(set: &libc::sigset_t) {
    let mut signal = 0;
    // SAFETY: `set` is a valid, initialised signal set; sigwait writes `signal`.
    unsafe {
        libc::sigwait(set, &mut signal);
    }
}
