//! The live daemon behind `codehub serve`: a notify watcher feeds the bounded,
//! coalescing [`ChangeQueue`]; worker threads re-examine changed paths against the
//! store and extract what changed; one writer thread commits their owned results,
//! many files per transaction, one clock tick per transaction; `sync` is a barrier in
//! the style of Watchman's cookie files.
//!
//! Nothing is dropped: a full queue blocks the watcher's thread (backpressure); when
//! notify reports lost events (queue overflow, `need_rescan`, an event without paths)
//! or an error, the whole tree is reconciled against the store. If the watcher cannot
//! be set up (for example the inotify watch limit), the daemon says so in its status
//! and rescans periodically instead; a directory it may not watch (no read
//! permission) is skipped alone, and said so. When the root itself is deleted or
//! moved away, the daemon notes it and stops ([`Daemon::stopping`] turns true).
//!
//! Saves that truncate and then write (`Path.write_text`, `fs.writeFile`, many
//! editors) pass through an empty or half-written state. A worker that finds a file
//! empty, or shrunk to a prefix of the content it last indexed, defers it for the
//! settle window ([`DaemonOptions::settle`]) instead of committing it: the write that
//! follows ends the wait at once, and a file still in that state when the window ends
//! is committed as it is. Only those states wait; `sync` waits for them too.

use crate::apply::{apply, Renames, Write};
use crate::queue::{ChangeQueue, Job};
use crate::walk::{examine, walk_builder, Found, Skipped};
use crate::{Config, IndexError};
use notify::{RecursiveMode, Watcher};
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use store::Store;

/// The prefix of sync cookie files created in the root.
const COOKIE_PREFIX: &str = ".codehub-cookie-";
/// Most results the writer commits in one transaction.
const WRITE_BATCH: usize = 256;
/// How often a watching daemon checks that its root still exists (one `stat`).
const ROOT_CHECK: Duration = Duration::from_secs(2);
/// Files whose last indexed content the daemon remembers for the shrunk-to-a-prefix
/// test of the settle rule, and the largest file it remembers (bytes): at most
/// 32 × 256 KiB = 8 MiB, in practice the few files being edited.
const RECENT_FILES: usize = 32;
const RECENT_MAX_BYTES: u64 = 256 * 1024;
/// The page cache of the daemon's long-lived write connection (KiB): incremental
/// commits touch a few B-tree paths, not the whole index a cold one builds (a rescan
/// opens its own connection, with the store's 64 MiB, and closes it afterwards).
const WRITER_CACHE_KIB: u32 = 16 * 1024;
/// Least time between two returns of freed heap memory to the OS by the writer.
const TRIM_EVERY: Duration = Duration::from_secs(30);

/// Errors starting a daemon.
#[derive(Debug, thiserror::Error)]
pub enum DaemonError {
    /// Another daemon holds the lock for this root.
    #[error("a codehub daemon is already running for {root} (pid {pid})")]
    AlreadyRunning {
        /// The root the daemon was asked to serve.
        root: PathBuf,
        /// What the lock file holds (the running daemon's pid), trimmed; empty when
        /// it could not be read.
        pid: String,
    },
    /// An IO error on the state directory's lock file (`daemon.lock`).
    #[error("{path}: {source}")]
    Io {
        /// The file the failure concerns.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// An index run of the daemon failed.
    #[error(transparent)]
    Index(#[from] IndexError),
}

/// Daemon tuning.
#[derive(Clone, Debug)]
pub struct DaemonOptions {
    /// Distinct paths the queue holds before the watcher waits (backpressure).
    pub queue_bound: usize,
    /// Rescan period when no watcher could be set up.
    pub poll_interval: Duration,
    /// Force periodic rescans instead of a watcher (tests, network file systems).
    pub force_polling: bool,
    /// How long a file found empty, or shrunk to a prefix of its indexed content, may
    /// wait for the rest of its save before it is committed as it is (Watchman's
    /// "settle"). A further change to the file ends the wait at once. Zero disables it.
    pub settle: Duration,
    /// How long a changed path must go without a further change before a worker takes
    /// it (a trailing-edge debounce: every change restarts it, but a path waits at most
    /// ten windows in all). `sync` does not wait for it. Zero (the default) disables it.
    pub debounce: Duration,
}

impl Default for DaemonOptions {
    fn default() -> Self {
        DaemonOptions {
            queue_bound: 10_000,
            poll_interval: Duration::from_secs(2),
            force_polling: false,
            settle: Duration::from_millis(50),
            debounce: Duration::ZERO,
        }
    }
}

/// A running daemon. Dropping it does not stop it: call [`Daemon::stop`].
pub struct Daemon {
    shared: Arc<Shared>,
    threads: Mutex<Vec<JoinHandle<()>>>,
    /// The root's lock file, held until [`Daemon::stop`].
    lock: Mutex<Option<File>>,
}

struct Shared {
    config: Config,
    queue: ChangeQueue,
    filter: crate::filter::PathFilter,
    started: Instant,
    /// Cookie file name → the queue mark when the watcher saw it.
    cookies: Mutex<HashMap<String, Option<u64>>>,
    cookie_seen: Condvar,
    cookie_counter: AtomicU64,
    changes_applied: AtomicU64,
    rescans: AtomicU64,
    clock: AtomicU64,
    /// Guards nothing but pairs with `committed` to wake [`Daemon::wait_for_commit`].
    commit_lock: Mutex<()>,
    committed: Condvar,
    last_error: Mutex<Option<String>>,
    polling: AtomicBool,
    stop: AtomicBool,
    /// The watcher; never locked from the watcher's own callback.
    watcher: Mutex<Option<notify::RecommendedWatcher>>,
    /// Directory moves seen by the callback (notify keeps reporting events below a
    /// moved directory under its old name, so the watcher must be re-established).
    rewatch_requested: AtomicU64,
    /// How many of those requests have been handled: re-watched and a reconcile
    /// queued at `rewatch_mark`. `sync` waits until handled catches up.
    rewatch_done: AtomicU64,
    rewatch_mark: AtomicU64,
    rewatch_thread: Mutex<Option<std::thread::Thread>>,
    /// Directories queued for their second examination (see `run_worker`).
    rechecks: Mutex<HashSet<String>>,
    /// True once the start-up reconcile (the first rescan) has been committed.
    first_index_done: AtomicBool,
    /// Files the start-up reconcile has handled so far (its progress callback).
    first_index_files: AtomicU64,
    /// Directories watched one level only, because a directory below them may not be
    /// watched: a directory created in one of them needs the watch rebuilt.
    partial_watch: Mutex<HashSet<PathBuf>>,
    /// The settle window ([`DaemonOptions::settle`]).
    settle: Duration,
    /// Path → when a worker first found it unsettled; removed when it is committed.
    /// Holds only paths being deferred.
    settling: Mutex<HashMap<String, Instant>>,
    /// The last indexed content of the most recently parsed files (newest last).
    /// Entries are (path, BLAKE3 hex of the content, content).
    recent: Mutex<std::collections::VecDeque<RecentFile>>,
}

/// Publishes a committed clock and wakes [`Daemon::wait_for_commit`] callers.
fn set_clock(shared: &Shared, clock: u64) {
    let _guard = shared.commit_lock.lock().unwrap_or_else(|e| e.into_inner());
    shared.clock.store(clock, Ordering::SeqCst);
    shared.committed.notify_all();
}

/// A remembered file: (root-relative path, BLAKE3 hex of its content, its content).
type RecentFile = (String, String, Arc<[u8]>);

/// What a worker hands the writer for one job.
enum Outcome {
    Found(Found),
    Removed(String),
    /// The path does not exist (or may not be indexed): remove it and everything
    /// stored below it, as the store is when the writer applies this, not when the
    /// worker looked (a rescan may have committed files there meanwhile).
    Gone(String),
    /// The file looks caught in the middle of a save: look again by this deadline.
    Unsettled(Instant),
}

impl Daemon {
    /// Starts a daemon for `config.root`: takes the root's lock (one daemon per root),
    /// starts watching, then reconciles the tree with the store (an incremental index:
    /// a restart after a clean stop re-parses nothing; files deleted meanwhile are
    /// removed) while events are already being queued.
    ///
    /// Errors: [`DaemonError::AlreadyRunning`], state-directory and store errors.
    pub fn start(config: Config, options: DaemonOptions) -> Result<Daemon, DaemonError> {
        config.create_state_dir().map_err(IndexError::from)?;
        let lock = take_lock(&config)?;
        // Create the schema before any reader or worker opens the store.
        let store = Store::open(&config.db_path()).map_err(IndexError::from)?;
        store.set_root(&config.root).map_err(IndexError::from)?;
        drop(store);
        let shared = Arc::new(Shared {
            filter: crate::filter::PathFilter::new(
                &config.root,
                &config.state_dir,
                config.include_vendored,
                config.globs.clone(),
            ),
            queue: ChangeQueue::with_debounce(options.queue_bound, options.debounce),
            config,
            started: Instant::now(),
            cookies: Mutex::new(HashMap::new()),
            cookie_seen: Condvar::new(),
            cookie_counter: AtomicU64::new(0),
            changes_applied: AtomicU64::new(0),
            rescans: AtomicU64::new(0),
            clock: AtomicU64::new(0),
            commit_lock: Mutex::new(()),
            committed: Condvar::new(),
            last_error: Mutex::new(None),
            polling: AtomicBool::new(options.force_polling),
            stop: AtomicBool::new(false),
            watcher: Mutex::new(None),
            rewatch_requested: AtomicU64::new(0),
            rewatch_done: AtomicU64::new(0),
            rewatch_mark: AtomicU64::new(0),
            rewatch_thread: Mutex::new(None),
            rechecks: Mutex::new(HashSet::new()),
            first_index_done: AtomicBool::new(false),
            first_index_files: AtomicU64::new(0),
            partial_watch: Mutex::new(HashSet::new()),
            settle: options.settle,
            settling: Mutex::new(HashMap::new()),
            recent: Mutex::new(std::collections::VecDeque::new()),
        });
        let mut threads = Vec::new();
        let watcher = if options.force_polling { None } else { start_watcher(&shared) };
        let watching = watcher.is_some();
        *shared.watcher.lock().unwrap_or_else(|e| e.into_inner()) = watcher;
        if watching {
            let rewatcher = shared.clone();
            let handle = spawn("codehub-rewatch", move || run_rewatch(&rewatcher));
            *shared.rewatch_thread.lock().unwrap_or_else(|e| e.into_inner()) =
                Some(handle.thread().clone());
            threads.push(handle);
        } else {
            shared.polling.store(true, Ordering::SeqCst);
            let poller = shared.clone();
            let period = options.poll_interval;
            threads.push(spawn("codehub-poll", move || {
                while !poller.stop.load(Ordering::SeqCst) {
                    std::thread::park_timeout(period);
                    if check_root(&poller) && !poller.stop.load(Ordering::SeqCst) {
                        poller.queue.push_rescan();
                    }
                }
            }));
        }
        // The start-up reconcile is the first job.
        shared.queue.push_rescan();
        let (tx, rx) = sync_channel::<(Job, Vec<Outcome>)>(WRITE_BATCH);
        for i in 0..shared.config.worker_count() {
            let worker = shared.clone();
            let tx = tx.clone();
            threads.push(spawn(&format!("codehub-worker-{i}"), move || {
                lower_priority();
                run_worker(&worker, tx)
            }));
        }
        drop(tx);
        let writer = shared.clone();
        threads.push(spawn("codehub-writer", move || {
            lower_priority();
            run_writer(&writer, rx)
        }));
        Ok(Daemon { shared, threads: Mutex::new(threads), lock: Mutex::new(Some(lock)) })
    }

    /// The sync barrier: returns once every file change made before the call is
    /// committed and visible, with the clock then. Errors when `timeout` passes first
    /// or the daemon is stopping.
    pub fn sync(&self, timeout: Duration) -> Result<u64, String> {
        let sh = &self.shared;
        if sh.stop.load(Ordering::SeqCst) {
            return Err("the daemon is stopping".into());
        }
        let started = Instant::now();
        let deadline = started + timeout;
        let mark = if sh.polling.load(Ordering::SeqCst) {
            sh.queue.push_rescan()
        } else {
            self.cookie_mark(deadline)?
        };
        // After a directory move, events may carry stale names until the watch is
        // re-established: the barrier includes the reconcile that follows.
        let requested = sh.rewatch_requested.load(Ordering::SeqCst);
        while sh.rewatch_done.load(Ordering::SeqCst) < requested && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(2));
        }
        if sh.rewatch_done.load(Ordering::SeqCst) < requested {
            return Err(format!(
                "sync timed out after {timeout:?} waiting for the watcher to be re-established"
            ));
        }
        let mark = mark.max(sh.rewatch_mark.load(Ordering::SeqCst));
        let left = deadline.saturating_duration_since(Instant::now());
        if !sh.queue.wait_flushed(mark, left) {
            return Err(format!(
                "sync timed out after {timeout:?} waiting for change {mark} ({})",
                sh.queue.describe()
            ));
        }
        metrics::histogram!("codehub_sync_seconds").record(started.elapsed());
        Ok(sh.clock.load(Ordering::SeqCst))
    }

    /// Creates a cookie file and waits for the watcher to report it; everything the
    /// watcher saw before it is then in the queue, below the returned mark.
    fn cookie_mark(&self, deadline: Instant) -> Result<u64, String> {
        let sh = &self.shared;
        let n = sh.cookie_counter.fetch_add(1, Ordering::SeqCst);
        let name = format!("{COOKIE_PREFIX}{}-{n}", std::process::id());
        let path = sh.config.root.join(&name);
        sh.cookies.lock().unwrap_or_else(|e| e.into_inner()).insert(name.clone(), None);
        if let Err(e) = std::fs::write(&path, b"") {
            sh.cookies.lock().unwrap_or_else(|e| e.into_inner()).remove(&name);
            // Cannot write into the root: fall back to a full reconcile as the barrier.
            tracing::warn!(error = %e, "cannot create a sync cookie; rescanning instead");
            return Ok(sh.queue.push_rescan());
        }
        let mut cookies = sh.cookies.lock().unwrap_or_else(|e| e.into_inner());
        let mark = loop {
            if let Some(Some(mark)) = cookies.get(&name) {
                break Ok(*mark);
            }
            let now = Instant::now();
            if now >= deadline || sh.stop.load(Ordering::SeqCst) {
                break Err("sync timed out waiting for the watcher".to_string());
            }
            let slice = (deadline - now).min(Duration::from_millis(250));
            let (guard, waited) =
                sh.cookie_seen.wait_timeout(cookies, slice).unwrap_or_else(|e| e.into_inner());
            cookies = guard;
            if waited.timed_out() {
                // The event can be missed while the watch is being re-established:
                // touch the cookie again for a fresh one.
                let _ = std::fs::write(&path, b"");
            }
        };
        cookies.remove(&name);
        drop(cookies);
        let _ = std::fs::remove_file(&path);
        mark
    }

    /// Blocks until a commit takes the clock past `after`, the daemon stops, or
    /// `timeout` passes; returns the clock then (equal to `after` when nothing was
    /// committed). Costs nothing while waiting: change-notification pushers call it in
    /// a loop and read `changes_since(after)` when it returns a larger clock.
    pub fn wait_for_commit(&self, after: u64, timeout: Duration) -> u64 {
        let sh = &self.shared;
        let deadline = Instant::now() + timeout;
        let mut guard = sh.commit_lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let clock = sh.clock.load(Ordering::SeqCst);
            let now = Instant::now();
            if clock > after || now >= deadline || sh.stop.load(Ordering::SeqCst) {
                return clock;
            }
            guard = sh
                .committed
                .wait_timeout(guard, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Facts for `status`.
    pub fn stats(&self) -> model::DaemonStatus {
        let sh = &self.shared;
        model::DaemonStatus {
            pid: std::process::id(),
            uptime_s: sh.started.elapsed().as_secs_f64(),
            queue_depth: sh.queue.depth(),
            changes_applied: sh.changes_applied.load(Ordering::SeqCst),
            rescans: sh.rescans.load(Ordering::SeqCst),
            last_error: sh.last_error.lock().unwrap_or_else(|e| e.into_inner()).clone(),
            watch_mode: if sh.polling.load(Ordering::SeqCst) { "polling" } else { "inotify" }
                .into(),
            indexing: (!sh.first_index_done.load(Ordering::SeqCst)).then(|| {
                model::IndexingProgress {
                    files_done: sh.first_index_files.load(Ordering::SeqCst),
                    elapsed_s: sh.started.elapsed().as_secs_f64(),
                }
            }),
            metrics: Default::default(),
        }
    }

    /// Feeds `event` to the daemon as if the watcher had reported it: fault injection
    /// for tests (an event without paths, a rescan request, an error).
    pub fn inject_event(&self, event: notify::Result<notify::Event>) {
        on_event(&self.shared, event);
    }

    /// The configuration the daemon runs with.
    pub fn config(&self) -> &Config {
        &self.shared.config
    }

    /// Asks the daemon to stop; [`Daemon::wait`] returns once it has.
    pub fn request_stop(&self) {
        request_stop(&self.shared);
    }

    /// True once [`Daemon::request_stop`] was called, or the daemon asked itself to
    /// stop because its root was deleted (a stop request wakes
    /// [`Daemon::wait_for_commit`], so a caller can wait for it there).
    pub fn stopping(&self) -> bool {
        self.shared.stop.load(Ordering::SeqCst)
    }

    /// Stops watching, lets the workers and the writer finish and commit what is
    /// queued, checkpoints the store, and releases the root's lock.
    pub fn stop(&self) {
        self.request_stop();
        // Dropping the watcher stops events; then the queue drains and closes.
        drop(self.shared.watcher.lock().unwrap_or_else(|e| e.into_inner()).take());
        self.shared.queue.close();
        let threads = std::mem::take(&mut *self.threads.lock().unwrap_or_else(|e| e.into_inner()));
        for t in threads {
            t.thread().unpark();
            let _ = t.join();
        }
        if let Ok(store) = Store::open(&self.shared.config.db_path()) {
            let _ = store.checkpoint();
        }
        drop(self.lock.lock().unwrap_or_else(|e| e.into_inner()).take());
    }
}

fn request_stop(shared: &Shared) {
    shared.stop.store(true, Ordering::SeqCst);
    shared.cookie_seen.notify_all();
    let _guard = shared.commit_lock.lock().unwrap_or_else(|e| e.into_inner());
    shared.committed.notify_all();
}

/// True while the root is a directory. When it is gone (deleted, or moved away:
/// nothing the daemon watches or writes is there any more), notes why and asks the
/// daemon to stop; the process serving it then ends as on `codehub stop`.
fn check_root(shared: &Shared) -> bool {
    if shared.config.root.is_dir() {
        return true;
    }
    if !shared.stop.load(Ordering::SeqCst) {
        note_error(
            shared,
            format!("the root {} no longer exists; stopping", shared.config.root.display()),
        );
        request_stop(shared);
    }
    false
}

/// Nice value of the daemon's indexing threads (workers, writer; the walker threads
/// of a rescan started from the writer are lower still, see `crate::priority`):
/// indexing is throughput work, answering queries is latency work. When both want
/// the CPU, the scheduler runs query threads first, so a burst of commits does not
/// add milliseconds to every query's tail latency; when the machine is otherwise
/// idle, indexing runs at full speed.
const INDEXING_NICE: libc::c_int = 10;

fn lower_priority() {
    crate::priority::set_nice(INDEXING_NICE);
}

fn spawn(name: &str, f: impl FnOnce() + Send + 'static) -> JoinHandle<()> {
    std::thread::Builder::new().name(name.into()).spawn(f).expect("spawning a daemon thread")
}

/// The pid a daemon wrote into `{state_dir}/daemon.lock` when one holds that lock
/// (running, or starting and not answering yet); `None` when no daemon holds it or
/// there is no lock file. Takes and drops the lock to find out, so it never blocks.
pub fn daemon_holding(state_dir: &std::path::Path) -> Option<String> {
    use std::io::Read;
    let mut file = std::fs::File::open(crate::StateDir::new(state_dir).lock()).ok()?;
    if file.try_lock().is_ok() {
        return None;
    }
    let mut pid = String::new();
    let _ = file.read_to_string(&mut pid);
    Some(pid.trim().to_owned())
}

/// Takes `{state_dir}/daemon.lock` with an exclusive advisory lock and writes our pid.
fn take_lock(config: &Config) -> Result<File, DaemonError> {
    use std::io::{Read, Seek, Write};
    let path = crate::StateDir::new(&config.state_dir).lock();
    let io = |source| DaemonError::Io { path: path.clone(), source };
    let mut file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(io)?;
    if file.try_lock().is_err() {
        let mut pid = String::new();
        let _ = file.read_to_string(&mut pid);
        return Err(DaemonError::AlreadyRunning {
            root: config.root.clone(),
            pid: pid.trim().to_owned(),
        });
    }
    file.set_len(0).map_err(io)?;
    file.rewind().map_err(io)?;
    write!(file, "{}", std::process::id()).map_err(io)?;
    Ok(file)
}

/// Sets up the recursive watcher; `None` (and a status error) when it cannot be.
fn start_watcher(shared: &Arc<Shared>) -> Option<notify::RecommendedWatcher> {
    let handler = shared.clone();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        on_event(&handler, event)
    });
    let mut watcher = match watcher {
        Ok(w) => w,
        Err(e) => {
            note_error(
                shared,
                format!("cannot start the file watcher ({e}); rescanning periodically"),
            );
            return None;
        }
    };
    shared.partial_watch.lock().unwrap_or_else(|e| e.into_inner()).clear();
    let root = &shared.config.root;
    let mut failed = watcher.watch(root, RecursiveMode::Recursive).err();
    if failed.as_ref().is_some_and(|e| !at_watch_limit(e)) {
        // One directory that may not be watched (no read permission) fails the whole
        // recursive watch: watch around it instead, one level at a time down to it.
        let _ = watcher.unwatch(root);
        let mut skipped = Vec::new();
        let mut partial = HashSet::new();
        failed = watch_skipping(&mut watcher, root, &mut skipped, &mut partial).err();
        if failed.is_none() && skipped.iter().any(|d| d == root) {
            failed = Some(notify::Error::generic("the root itself cannot be watched"));
        }
        if failed.is_none() {
            let names: Vec<String> = skipped.iter().map(|d| d.display().to_string()).collect();
            note_error(
                shared,
                format!(
                    "not watching {} (cannot be watched, e.g. no read permission): changes there are not seen; the rest of the tree is watched",
                    names.join(", ")
                ),
            );
            *shared.partial_watch.lock().unwrap_or_else(|e| e.into_inner()) = partial;
        }
    }
    if let Some(e) = failed {
        let why = match e.kind {
            notify::ErrorKind::MaxFilesWatch => {
                "the inotify watch limit (fs.inotify.max_user_watches) is reached".to_string()
            }
            _ => e.to_string(),
        };
        note_error(shared, format!("cannot watch the root: {why}; rescanning periodically"));
        return None;
    }
    Some(watcher)
}

fn at_watch_limit(e: &notify::Error) -> bool {
    matches!(e.kind, notify::ErrorKind::MaxFilesWatch)
}

/// Watches `dir` one level, then each subdirectory recursively; a subdirectory whose
/// recursive watch fails is handled the same way, and one that cannot be watched at
/// all is added to `skipped`. `partial` gets the directories watched one level only.
/// Fails only at the watch limit (then nothing better than polling is possible).
fn watch_skipping(
    watcher: &mut notify::RecommendedWatcher,
    dir: &Path,
    skipped: &mut Vec<PathBuf>,
    partial: &mut HashSet<PathBuf>,
) -> notify::Result<()> {
    match watcher.watch(dir, RecursiveMode::NonRecursive) {
        Ok(()) => {}
        Err(e) if at_watch_limit(&e) => return Err(e),
        Err(_) => {
            skipped.push(dir.to_owned());
            return Ok(());
        }
    }
    partial.insert(dir.to_owned());
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(()) };
    for entry in entries.flatten() {
        // Symlinks are not followed, as by the walk.
        if !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let path = entry.path();
        match watcher.watch(&path, RecursiveMode::Recursive) {
            Ok(()) => {}
            Err(e) if at_watch_limit(&e) => return Err(e),
            Err(_) => {
                let _ = watcher.unwatch(&path);
                watch_skipping(watcher, &path, skipped, partial)?;
            }
        }
    }
    Ok(())
}

fn note_error(shared: &Shared, message: String) {
    tracing::warn!("{message}");
    *shared.last_error.lock().unwrap_or_else(|e| e.into_inner()) = Some(message);
}

/// The watcher callback: queue every path (the newest state on disk is what gets
/// indexed, whatever the event kind said), notice cookies, and turn lost events or
/// errors into a rescan.
fn on_event(shared: &Shared, event: notify::Result<notify::Event>) {
    let event = match event {
        Ok(e) => e,
        Err(e) => {
            note_error(shared, format!("watcher error: {e}; reconciling the tree"));
            shared.queue.push_rescan();
            return;
        }
    };
    // Opening or reading a file changes nothing (and our own reads would feed back).
    if let notify::EventKind::Access(kind) = event.kind {
        if kind != notify::event::AccessKind::Close(notify::event::AccessMode::Write) {
            return;
        }
    }
    if event.need_rescan() || event.paths.is_empty() {
        tracing::info!(kind = ?event.kind, "watcher asked for a rescan");
        shared.queue.push_rescan();
        return;
    }
    // A directory moved inside the tree can leave the watcher's path bookkeeping
    // for the watches below it stale (events reported under the old name). The moved
    // tree itself is re-examined as a path; a reconcile afterwards makes sure nothing
    // reported under a stale name is lost.
    let renamed_dir =
        matches!(event.kind, notify::EventKind::Modify(notify::event::ModifyKind::Name(_)))
            && event.paths.iter().any(|p| p.is_dir());
    // The root deleted or moved away: stop (nothing left to serve).
    if matches!(event.kind, notify::EventKind::Remove(_) | notify::EventKind::Modify(_))
        && event.paths.iter().any(|p| p == &shared.config.root)
        && !check_root(shared)
    {
        return;
    }
    // A directory created where the watch is one level only gets no watch of its own
    // until the watch is rebuilt.
    let new_dir_in_partial = matches!(event.kind, notify::EventKind::Create(_)) && {
        let partial = shared.partial_watch.lock().unwrap_or_else(|e| e.into_inner());
        !partial.is_empty()
            && event
                .paths
                .iter()
                .any(|p| p.is_dir() && p.parent().is_some_and(|parent| partial.contains(parent)))
    };
    let renamed_dir = renamed_dir || new_dir_in_partial;
    for path in &event.paths {
        let Some(rel) = shared.filter.relative(path) else { continue };
        if rel.starts_with(COOKIE_PREFIX) && !rel.contains('/') {
            let mut cookies = shared.cookies.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(slot @ None) = cookies.get_mut(&rel) {
                *slot = Some(shared.queue.mark());
                shared.cookie_seen.notify_all();
            }
            continue;
        }
        let name = rel.rsplit('/').next().unwrap_or(&rel);
        if crate::filter::IGNORE_FILES.contains(&name) {
            // The rules changed: what is indexable may have changed anywhere below.
            shared.filter.reset();
            shared.queue.push_rescan();
            continue;
        }
        shared.queue.push(rel);
    }
    if renamed_dir {
        shared.queue.push_rescan();
        shared.rewatch_requested.fetch_add(1, Ordering::SeqCst);
        if let Some(t) = &*shared.rewatch_thread.lock().unwrap_or_else(|e| e.into_inner()) {
            t.unpark();
        }
    }
}

/// Re-establishes the recursive watch after a directory move (notify's inotify
/// backend keeps reporting events below a moved directory under its old path), then
/// reconciles the tree: changes reported under stale names are not lost.
fn run_rewatch(shared: &Arc<Shared>) {
    loop {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let requested = shared.rewatch_requested.load(Ordering::SeqCst);
        if requested == shared.rewatch_done.load(Ordering::SeqCst) {
            // Unparked by the watcher callback and by `stop`; an unpark between the
            // check above and this park leaves a token, so no request is missed.
            // Woken every ROOT_CHECK anyway: a deleted root sends no event while a
            // process (this one, often) still has it as its working directory.
            std::thread::park_timeout(ROOT_CHECK);
            check_root(shared);
            continue;
        }
        // A fresh watcher (its own inotify instance) replaces the old one; calling
        // unwatch/watch on the old one while its thread delivers events can deadlock.
        // The old one is dropped on a thread of its own so it cannot hold us up.
        if let Some(fresh) = start_watcher(shared) {
            let old = shared.watcher.lock().unwrap_or_else(|e| e.into_inner()).replace(fresh);
            if let Some(old) = old {
                let _ = std::thread::Builder::new()
                    .name("codehub-old-watcher".into())
                    .spawn(move || drop(old));
            }
        }
        let seq = shared.queue.push_rescan();
        shared.rewatch_mark.store(seq, Ordering::SeqCst);
        shared.rewatch_done.store(requested, Ordering::SeqCst);
    }
}

fn run_worker(shared: &Shared, tx: SyncSender<(Job, Vec<Outcome>)>) {
    let store = loop {
        match Store::open_read_only(&shared.config.db_path()) {
            Ok(s) => break s,
            Err(e) => {
                note_error(shared, format!("worker cannot open the store: {e}"));
                std::thread::sleep(Duration::from_millis(200));
            }
        }
    };
    while let Some(job) = shared.queue.pop() {
        let outcomes = match &job {
            Job::Path { path, seq } => {
                let second_pass =
                    shared.rechecks.lock().unwrap_or_else(|e| e.into_inner()).remove(path);
                let mut outcomes = examine_path(shared, &store, path, true);
                let unsettled = outcomes
                    .iter()
                    .filter_map(|o| match o {
                        Outcome::Unsettled(until) => Some(*until),
                        _ => None,
                    })
                    .min();
                if let Some(until) = unsettled {
                    if shared.queue.defer(path.clone(), *seq, until) {
                        tracing::debug!(path, "unsettled (empty or shrunk to a prefix): deferred");
                        shared.queue.done(&job);
                        continue;
                    }
                    // Stopping: commit what is on disk now.
                    outcomes = examine_path(shared, &store, path, false);
                }
                // A new directory can receive files before the watcher has added its
                // watch: those make no event. Examining it once more, after this pass
                // (by then the watch exists), catches them; under the same sequence
                // number, so `sync` waits for both passes.
                if !second_pass && shared.config.root.join(path).is_dir() {
                    shared.rechecks.lock().unwrap_or_else(|e| e.into_inner()).insert(path.clone());
                    shared.queue.requeue(path.clone(), *seq);
                }
                outcomes
            }
            Job::Rescan { .. } => Vec::new(),
        };
        if tx.send((job, outcomes)).is_err() {
            return;
        }
    }
}

/// Re-examines one root-relative path that an event named: a file, a directory (a
/// move or a new tree), or something that no longer exists (a delete of a file or of
/// a whole tree). Returns what the writer must do.
fn examine_path(shared: &Shared, store: &Store, rel: &str, settle: bool) -> Vec<Outcome> {
    let cfg = &shared.config;
    let abs = cfg.root.join(rel);
    let stored_under = |store: &Store| store.paths_under(rel).unwrap_or_default();
    let metadata = std::fs::symlink_metadata(&abs);
    let mut out = Vec::new();
    match metadata {
        Ok(m) if m.is_dir() => {
            let mut on_disk = HashSet::new();
            if !shared.filter.is_ignored(rel, true) {
                for entry in walk_builder(&abs).build().flatten() {
                    let Some(ft) = entry.file_type() else { continue };
                    if ft.is_dir() {
                        continue;
                    }
                    let Some(child) = shared.filter.relative(entry.path()) else { continue };
                    if let Some(o) = examine_file(shared, store, &child, entry.path(), settle) {
                        if !matches!(o, Outcome::Removed(_)) {
                            on_disk.insert(child);
                        }
                        out.push(o);
                    }
                }
            }
            if on_disk.is_empty() {
                out.push(Outcome::Gone(rel.to_owned()));
            } else {
                for gone in stored_under(store) {
                    if !on_disk.contains(&gone) {
                        out.push(Outcome::Removed(gone));
                    }
                }
            }
        }
        Ok(_) => {
            if let Some(o) = examine_file(shared, store, rel, &abs, settle) {
                out.push(o);
            }
        }
        Err(_) => {
            // Gone: a file, or a whole directory that was deleted or moved away.
            let below = format!("{rel}/");
            shared
                .settling
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .retain(|p, _| p != rel && !p.starts_with(&below));
            out.push(Outcome::Gone(rel.to_owned()));
        }
    }
    out
}

/// One file (not a directory): its outcome, or `None` when it is none of our
/// business (not source, ignored and never indexed). With `settle`, a file caught in
/// the middle of a save (see [`unsettled`]) yields [`Outcome::Unsettled`] until the
/// settle window since it was first seen so has passed.
fn examine_file(
    shared: &Shared,
    store: &Store,
    rel: &str,
    abs: &Path,
    settle: bool,
) -> Option<Outcome> {
    if !extract::is_indexed(rel) {
        return None;
    }
    let previous = store.file(rel).ok().flatten();
    // Not indexable (any more): remove it even when the store has no row for it yet,
    // since an in-progress rescan may be about to commit one.
    let remove_or = |outcome: Option<Outcome>| match (&previous, outcome) {
        (_, Some(Outcome::Found(Found::Skipped(s)))) if previous.is_none() => {
            Some(Outcome::Found(Found::Skipped(s)))
        }
        _ => Some(Outcome::Gone(rel.to_owned())),
    };
    if shared.filter.is_ignored(rel, false) {
        return remove_or(None);
    }
    let metadata = match std::fs::symlink_metadata(abs) {
        Ok(m) => m,
        Err(_) => return remove_or(None),
    };
    if metadata.file_type().is_symlink() {
        let skip = Skipped { path: rel.to_owned(), reason: "symbolic link, not followed".into() };
        return remove_or(Some(Outcome::Found(Found::Skipped(skip))));
    }
    if !metadata.is_file() {
        return remove_or(None);
    }
    if settle && !shared.settle.is_zero() {
        let mut settling = shared.settling.lock().unwrap_or_else(|e| e.into_inner());
        if unsettled(shared, rel, abs, metadata.len(), previous.as_ref()) {
            let now = Instant::now();
            let first = *settling.entry(rel.to_owned()).or_insert(now);
            if now < first + shared.settle {
                return Some(Outcome::Unsettled(first + shared.settle));
            }
        }
        settling.remove(rel);
    }
    match examine(rel.to_owned(), abs, &metadata, previous.as_ref(), shared.config.max_file_size)? {
        Found::Skipped(s) => remove_or(Some(Outcome::Found(Found::Skipped(s)))),
        found => {
            if let Found::Parsed(facts, meta) = &found {
                remember(shared, rel, abs, meta.size, &facts.file_hash);
            }
            Some(Outcome::Found(found))
        }
    }
}

/// True when a file of `size` bytes on disk looks like a save caught half-way: it was
/// indexed non-empty and is now empty, or it shrank to a prefix of the content the
/// daemon last indexed (known for the [`RECENT_FILES`] most recently parsed files; a
/// shrink of another file is taken as an edit).
fn unsettled(
    shared: &Shared,
    rel: &str,
    abs: &Path,
    size: u64,
    previous: Option<&store::FileRow>,
) -> bool {
    let Some(row) = previous else { return false };
    if size >= row.size {
        return false;
    }
    if size == 0 {
        return true;
    }
    let old = {
        let recent = shared.recent.lock().unwrap_or_else(|e| e.into_inner());
        match recent.iter().find(|(p, hash, _)| p == rel && *hash == row.file_hash) {
            Some((_, _, bytes)) => bytes.clone(),
            _ => return false,
        }
    };
    let mut now = Vec::new();
    let read = File::open(abs).and_then(|f| {
        use std::io::Read;
        f.take(size).read_to_end(&mut now)
    });
    read.is_ok() && !now.is_empty() && old.starts_with(&now)
}

/// Remembers the content just parsed for `rel` (re-read; kept only when its hash is
/// the one indexed), for [`unsettled`]. Bounded by [`RECENT_FILES`] and
/// [`RECENT_MAX_BYTES`].
fn remember(shared: &Shared, rel: &str, abs: &Path, size: u64, file_hash: &str) {
    if shared.settle.is_zero() || size > RECENT_MAX_BYTES {
        return;
    }
    let Ok(bytes) = std::fs::read(abs) else { return };
    if extract::hash(&bytes) != file_hash {
        return;
    }
    let mut recent = shared.recent.lock().unwrap_or_else(|e| e.into_inner());
    recent.retain(|(p, _, _)| p != rel);
    if recent.len() >= RECENT_FILES {
        recent.pop_front();
    }
    recent.push_back((rel.to_owned(), file_hash.to_owned(), Arc::from(bytes)));
}

fn run_writer(shared: &Shared, rx: Receiver<(Job, Vec<Outcome>)>) {
    let mut store = loop {
        match Store::open(&shared.config.db_path()) {
            Ok(mut s) => {
                s.set_rules(shared.config.rules.clone());
                s.set_scripts(shared.config.scripts.clone());
                break s;
            }
            Err(e) => {
                note_error(shared, format!("writer cannot open the store: {e}"));
                std::thread::sleep(Duration::from_millis(200));
            }
        }
    };
    if let Err(e) = store.set_cache_kib(WRITER_CACHE_KIB) {
        tracing::warn!(error = %e, "cannot bound the writer's page cache");
    }
    if let Ok(clock) = store.clock() {
        set_clock(shared, clock);
    }
    let mut trimmed = Instant::now();
    loop {
        // Blocks without a timeout: idle costs nothing. The channel disconnects when
        // the workers end, after the queue is closed and drained.
        let Ok(first) = rx.recv() else { return };
        let mut batch = vec![first];
        while batch.len() < WRITE_BATCH {
            match rx.try_recv() {
                Ok(m) => batch.push(m),
                Err(_) => break,
            }
        }
        // A rescan runs on its own, after the file jobs taken before it.
        let (rescans, files): (Vec<_>, Vec<_>) =
            batch.into_iter().partition(|(job, _)| matches!(job, Job::Rescan { .. }));
        let started = Instant::now();
        let (jobs, outcomes): (Vec<Job>, Vec<Vec<Outcome>>) = files.into_iter().unzip();
        let committed = commit_batch(shared, &mut store, outcomes.into_iter().flatten().collect());
        tracing::debug!(
            jobs = jobs.len(),
            ms = started.elapsed().as_secs_f64() * 1e3,
            "batch committed"
        );
        if let Err(e) = committed {
            note_error(shared, format!("commit failed: {e}; reconciling the tree"));
            shared.queue.push_rescan();
        }
        for job in &jobs {
            shared.queue.done(job);
        }
        for (job, _) in rescans {
            let started = Instant::now();
            // Only the start-up reconcile reports progress (`status`'s `indexing`).
            let first = !shared.first_index_done.load(Ordering::SeqCst);
            let progress = |n: u64| {
                if first {
                    shared.first_index_files.store(n, Ordering::SeqCst);
                }
            };
            // A stop (or SIGTERM) interrupts it between files: what it committed
            // stays, the rest is reconciled at the next start.
            match crate::walk::index_until(&shared.config, &progress, &shared.stop) {
                Ok(report) => {
                    let changed = report.parsed + report.removed + report.renamed.len() as u64;
                    shared.changes_applied.fetch_add(changed, Ordering::SeqCst);
                    set_clock(shared, report.clock);
                    tracing::info!(
                        parsed = report.parsed,
                        removed = report.removed,
                        ms = started.elapsed().as_millis() as u64,
                        "reconciled the tree with the store"
                    );
                }
                Err(crate::IndexError::Interrupted) => {
                    tracing::info!(
                        ms = started.elapsed().as_millis() as u64,
                        "reconcile interrupted by a stop; the next start finishes it"
                    );
                }
                Err(e) => note_error(shared, format!("rescan failed: {e}")),
            }
            shared.rescans.fetch_add(1, Ordering::SeqCst);
            metrics::counter!("codehub_rescans_total").increment(1);
            shared.first_index_done.store(true, Ordering::SeqCst);
            shared.queue.done(&job);
            // A rescan frees its walkers' and its connection's memory all at once.
            trimmed = Instant::now() - TRIM_EVERY;
        }
        if trimmed.elapsed() >= TRIM_EVERY {
            release_free_memory();
            trimmed = Instant::now();
        }
    }
}

/// Returns the allocator's free memory to the OS (glibc's `malloc_trim`, which
/// releases free pages inside every thread's arena, not only the top of the main
/// heap). Without it, memory freed by one thread's burst (a rescan's walkers, a large
/// answer) stays resident in that thread's arena. A few milliseconds; called by the
/// writer at most every [`TRIM_EVERY`], after its commit is visible.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim has no preconditions; it only walks the allocator's lists.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Commits the outcomes of a batch of jobs in one transaction through
/// [`crate::apply`] (each file replaced whole: atomic per file), with the one rename
/// rule ([`Renames`]): a new file takes the history of a path with its content that
/// is gone from disk.
fn commit_batch(
    shared: &Shared,
    store: &mut Store,
    outcomes: Vec<Outcome>,
) -> Result<(), store::StoreError> {
    let needs_write = outcomes.iter().any(|o| {
        !matches!(o, Outcome::Found(Found::Unchanged(_)) | Outcome::Found(Found::Skipped(_)))
    });
    if !needs_write {
        return Ok(());
    }
    let root = shared.config.root.clone();
    // Rename sources are chosen before the writer transaction starts. Gone, for the
    // rename rule, means not on disk now.
    let mut renames = Renames::default();
    let mut writes = Vec::with_capacity(outcomes.len());
    for o in outcomes {
        match o {
            Outcome::Found(Found::Parsed(facts, meta)) => {
                let from = renames.source(store, &facts, |p| !root.join(p).exists())?;
                writes.push(Write::Replace(facts, meta, from));
            }
            Outcome::Found(Found::Touched(path, meta)) => writes.push(Write::Touch(path, meta)),
            Outcome::Removed(path) => writes.push(Write::Remove(path)),
            Outcome::Gone(path) => writes.push(Write::RemoveUnder(path)),
            _ => {}
        }
    }
    let write_started = Instant::now();
    let applied = apply(store, writes)?;
    metrics::histogram!("codehub_commit_seconds").record(write_started.elapsed());
    set_clock(shared, applied.clock);
    shared.changes_applied.fetch_add(applied.files, Ordering::SeqCst);
    Ok(())
}
