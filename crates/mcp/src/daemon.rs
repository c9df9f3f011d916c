//! The connection to the daemon behind `codehub mcp`: starts one in the background
//! when none serves the root, keeps a small pool of socket clients, and runs every
//! call as a blocking [`server::Client`] call (callers put it on tokio's blocking
//! pool). A daemon that is not up yet is waited for, but only for a bounded time.

use protocol::{ErrorKind, IndexingProgress, RpcError, StatusResult};
use serde_json::Value;
use std::fs::OpenOptions;
use std::io;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

// The daemon's log file inside the state directory, when `codehub mcp` started it.
pub use server::LOG_FILE;

/// How `codehub mcp` finds, and if need be starts, the daemon of one root.
#[derive(Clone, Debug)]
pub struct Launch {
    /// The `codehub` executable to run as `EXE serve ROOT --state-dir DIR`
    /// (normally `std::env::current_exe()`).
    pub exe: PathBuf,
    /// The root to serve (absolute).
    pub root: PathBuf,
    /// Its state directory (absolute; must exist: the log file goes there).
    pub state_dir: PathBuf,
    /// How long a tool call waits for the daemon's socket before answering
    /// "codehub is starting, try again".
    pub startup_wait: Duration,
}

/// Why a call got no answer from the daemon.
#[derive(Debug, thiserror::Error)]
pub enum CallError {
    /// The daemon answered with an error (not found, ambiguous, invalid params...).
    #[error(transparent)]
    Rpc(#[from] RpcError),
    /// No daemon answered within [`Launch::startup_wait`] (it may still be starting).
    #[error("codehub is starting: the daemon for {root} did not answer within {waited:?}")]
    Starting {
        /// The root whose daemon was waited for.
        root: PathBuf,
        /// How long the call waited.
        waited: Duration,
    },
    /// The daemon this process started exited before its socket came up.
    #[error("the codehub daemon for {root} exited ({status}); its log {log} ends with:\n{tail}")]
    DaemonExited {
        /// The root the daemon was started for.
        root: PathBuf,
        /// Its exit status, as text.
        status: String,
        /// Its log file.
        log: PathBuf,
        /// The last lines of the log.
        tail: String,
    },
    /// The daemon could not be started (the executable could not run, no log file).
    #[error("cannot start the codehub daemon: {0}")]
    Spawn(io::Error),
}

/// What one successful call returns: the method's result and, while the daemon's
/// start-up index is still running, how far it has come.
#[derive(Debug)]
pub struct Answer {
    /// The method's result object (a `protocol` result, as JSON).
    pub result: Value,
    /// `Some` while the first index runs: the answer may be incomplete.
    pub indexing: Option<Coverage>,
}

/// How much of the tree a daemon whose first index still runs has in its graph.
#[derive(Clone, Debug, PartialEq)]
pub struct Coverage {
    /// The start-up index's progress (files handled so far).
    pub progress: IndexingProgress,
    /// Files in the graph (committed) when the answer was read.
    pub files_in_graph: u64,
}

/// The daemon as the MCP tools see it. Shared by every tool call; cheap to lock.
#[derive(Debug)]
pub struct Daemon {
    launch: Launch,
    /// Idle connections; a call takes one (or connects) and puts it back when the
    /// connection is still good, so concurrent calls use separate connections.
    idle: Mutex<Vec<server::Client>>,
    /// The daemon this process started, while it may still be running.
    child: Mutex<Option<Child>>,
    /// True once a `status` showed the start-up index finished: no more checks.
    indexed: AtomicBool,
}

/// Idle connections kept for later calls; more concurrent calls connect anew.
const MAX_IDLE: usize = 4;
/// How long one connection attempt waits for `health`.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);
/// Pause between attempts to reach a daemon that is starting.
const RETRY_PAUSE: Duration = Duration::from_millis(50);

impl Daemon {
    /// A handle on the daemon of `launch.root`; nothing is started or connected yet
    /// (see [`Daemon::ensure_started`]).
    pub fn new(launch: Launch) -> Daemon {
        Daemon {
            launch,
            idle: Mutex::new(Vec::new()),
            child: Mutex::new(None),
            indexed: AtomicBool::new(false),
        }
    }

    /// The launch settings.
    pub fn launch(&self) -> &Launch {
        &self.launch
    }

    /// Connects to the running daemon, or starts one in the background when none
    /// answers. Returns without waiting for a started daemon's socket. Errors:
    /// [`CallError::Spawn`].
    pub fn ensure_started(&self) -> Result<(), CallError> {
        match server::Client::connect(&self.launch.state_dir, CONNECT_TIMEOUT) {
            Ok(client) => {
                self.put_back(client);
                Ok(())
            }
            Err(e) if refused(&e) => self.spawn_if_needed(),
            // Busy or refusing: a daemon is there; calls will wait for it.
            Err(_) => Ok(()),
        }
    }

    /// Calls the method `M` with `params` (blocking: run it on a blocking thread).
    /// Waits up to [`Launch::startup_wait`] for a daemon that is not up yet (starting
    /// it when none runs); retries once on a fresh connection when the connection was
    /// lost. The answer's `result` is the method's result as it came (an `M::Result`).
    pub fn request<M: protocol::methods::Method>(
        &self,
        params: &M::Params,
    ) -> Result<Answer, CallError> {
        let method = M::NAME;
        let params = serde_json::to_value(params)
            .map_err(|e| CallError::Rpc(server::errors::invalid_params(format!("params: {e}"))))?;
        let mut retried = false;
        loop {
            let mut client = self.connect()?;
            match client.call(method, params.clone()) {
                Ok(result) => {
                    let indexing = self.indexing(&mut client, method, &result);
                    self.put_back(client);
                    return Ok(Answer { result, indexing });
                }
                // A lost connection (the daemon restarted, or stopped and is being
                // started again) is worth one more try; every tool only reads or syncs.
                // Idle connections to a daemon that went away are lost too.
                Err(e) if e.kind() == ErrorKind::Internal && !retried => {
                    tracing::debug!(error = %e, "retrying on a fresh connection");
                    self.idle.lock().unwrap_or_else(|e| e.into_inner()).clear();
                    retried = true;
                }
                Err(e) => {
                    // After a timeout or a transport error the connection is unusable.
                    if !matches!(e.kind(), ErrorKind::Timeout | ErrorKind::Internal) {
                        self.put_back(client);
                    }
                    return Err(e.into());
                }
            }
        }
    }

    /// While the start-up index may still run, reads `status` (or uses the answer
    /// when it is one) for its progress; once it has ended, never asks again.
    fn indexing(
        &self,
        client: &mut server::Client,
        method: &str,
        result: &Value,
    ) -> Option<Coverage> {
        if self.indexed.load(Ordering::Relaxed) {
            return None;
        }
        let status: StatusResult = if method == protocol::method::STATUS {
            serde_json::from_value(result.clone()).ok()?
        } else {
            client.request::<protocol::methods::Status>(&Default::default()).ok()?
        };
        let Some(progress) = status.daemon.and_then(|d| d.indexing) else {
            self.indexed.store(true, Ordering::Relaxed);
            return None;
        };
        Some(Coverage { progress, files_in_graph: status.index.files })
    }

    fn put_back(&self, client: server::Client) {
        let mut idle = self.idle.lock().unwrap_or_else(|e| e.into_inner());
        if idle.len() < MAX_IDLE {
            idle.push(client);
        }
    }

    /// An idle connection, or a new one; waits for a starting daemon (and starts one
    /// when none runs) up to the bounded startup wait.
    fn connect(&self) -> Result<server::Client, CallError> {
        if let Some(client) = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop() {
            return Ok(client);
        }
        let started = Instant::now();
        let deadline = started + self.launch.startup_wait;
        loop {
            match server::Client::connect(&self.launch.state_dir, CONNECT_TIMEOUT) {
                Ok(client) => return Ok(client),
                Err(e) if refused(&e) => {
                    self.check_child()?;
                    self.spawn_if_needed()?;
                }
                Err(e) => tracing::debug!(error = %e, "the daemon did not answer yet"),
            }
            if Instant::now() >= deadline {
                return Err(CallError::Starting {
                    root: self.launch.root.clone(),
                    waited: started.elapsed(),
                });
            }
            // Polls for the socket of a daemon that is starting: nothing to wait on.
            std::thread::sleep(RETRY_PAUSE);
        }
    }

    /// Errors when the daemon this process started has failed (for example it could
    /// not open the store). A clean exit (`codehub stop`) is fine: a new one is
    /// started; so is an exit because another daemon holds the root: that one answers.
    fn check_child(&self) -> Result<(), CallError> {
        let mut child = self.child.lock().unwrap_or_else(|e| e.into_inner());
        let Some(running) = child.as_mut() else { return Ok(()) };
        match running.try_wait() {
            Ok(Some(status)) => {
                *child = None;
                let log = model::state_dir::StateDir::new(&self.launch.state_dir).log();
                let tail = log_tail(&log, 10);
                if status.success() || tail.contains("already running") {
                    return Ok(());
                }
                Err(CallError::DaemonExited {
                    root: self.launch.root.clone(),
                    status: status.to_string(),
                    log,
                    tail,
                })
            }
            Ok(None) | Err(_) => Ok(()),
        }
    }

    /// Starts `EXE serve ROOT --state-dir DIR` detached (its own process group, so a
    /// Ctrl-C meant for the MCP client does not stop it; stdin null; stdout and stderr
    /// appended to `daemon.log`) unless a daemon this process started still runs.
    fn spawn_if_needed(&self) -> Result<(), CallError> {
        let mut child = self.child.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(running) = child.as_mut() {
            if matches!(running.try_wait(), Ok(None)) {
                return Ok(());
            }
        }
        let log_path = model::state_dir::StateDir::new(&self.launch.state_dir).log();
        let log = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)
            .map_err(CallError::Spawn)?;
        let log_err = log.try_clone().map_err(CallError::Spawn)?;
        let spawned = Command::new(&self.launch.exe)
            .arg("serve")
            .arg(&self.launch.root)
            .arg("--state-dir")
            .arg(&self.launch.state_dir)
            .current_dir(&self.launch.root)
            .stdin(Stdio::null())
            .stdout(log)
            .stderr(log_err)
            .process_group(0)
            .spawn()
            .map_err(CallError::Spawn)?;
        tracing::info!(pid = spawned.id(), log = %log_path.display(), "started a codehub daemon");
        *child = Some(spawned);
        Ok(())
    }

    /// The pid of the daemon this process started, while it runs.
    pub fn started_pid(&self) -> Option<u32> {
        let mut child = self.child.lock().unwrap_or_else(|e| e.into_inner());
        let running = child.as_mut()?;
        matches!(running.try_wait(), Ok(None)).then(|| running.id())
    }
}

/// True when nothing listens on the socket (no file, or a stale one).
fn refused(e: &io::Error) -> bool {
    matches!(e.kind(), io::ErrorKind::NotFound | io::ErrorKind::ConnectionRefused)
}

/// The last `lines` lines of the file at `path` (empty when it cannot be read).
fn log_tail(path: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}
