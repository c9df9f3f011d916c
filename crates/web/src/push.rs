//! Change notifications: one pusher thread per server waits for commits
//! (`Live::wait_for_commit`, which costs nothing while idle), reads what each commit
//! changed from the change log and hands every subscriber the part its filter
//! matches, one notification per commit, over a bounded channel. A subscriber whose
//! channel is full is marked lagging and dropped from the registry; its WebSocket
//! then tells the peer and closes (never a silent gap).

use protocol::{ChangeKind, ChangesNotification, SubscribeParams};
use server::Live;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, watch};

/// How long one wait for a commit lasts before the pusher looks at the stop flag.
const WAIT: Duration = Duration::from_secs(1);
/// Change-log entries read per query.
const PAGE: usize = 5000;

/// One subscription, as the pusher sees it.
struct Subscriber {
    filter: SubscribeParams,
    tx: mpsc::Sender<ChangesNotification>,
    /// Set when a notification could not be queued: the peer missed changes.
    lagged: Arc<AtomicBool>,
}

/// The registry of live subscriptions.
#[derive(Default)]
pub(crate) struct Subscribers {
    next: AtomicU64,
    map: Mutex<HashMap<String, Subscriber>>,
}

impl Subscribers {
    /// Registers a subscription with `filter` whose notifications go to `tx` (one
    /// bounded channel per WebSocket); `lagged` is set when `tx` is full. Returns
    /// the subscription's id.
    pub fn add(
        &self,
        filter: SubscribeParams,
        tx: mpsc::Sender<ChangesNotification>,
        lagged: Arc<AtomicBool>,
    ) -> String {
        let id = format!("s{}", self.next.fetch_add(1, Ordering::SeqCst) + 1);
        self.lock().insert(id.clone(), Subscriber { filter, tx, lagged });
        id
    }

    /// Ends a subscription (its WebSocket closed).
    pub fn remove(&self, id: &str) {
        self.lock().remove(id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Subscriber>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }
}

/// Starts the pusher thread, following commits after `clock` until `shutdown`.
pub(crate) fn start(
    db_path: PathBuf,
    live: Arc<dyn Live>,
    subscribers: Arc<Subscribers>,
    clock: u64,
    shutdown: watch::Receiver<bool>,
) -> std::io::Result<std::thread::JoinHandle<()>> {
    std::thread::Builder::new().name("codehub-push".into()).spawn(move || {
        let mut last = clock;
        // One read-only store for the pusher's life, opened on the first commit.
        let mut store: Option<store::Store> = None;
        while !*shutdown.borrow() {
            let now = live.wait_for_commit(last, WAIT);
            if now <= last {
                continue;
            }
            if subscribers.is_empty() {
                // Nobody listens: skip the log instead of reading it.
                last = now;
                continue;
            }
            let opened = match store.take() {
                Some(s) => Ok(s),
                None => store::Store::open_read_only(&db_path),
            };
            let result = opened.and_then(|s| {
                let reached = publish(&s, &subscribers, last);
                store = Some(s);
                reached
            });
            match result {
                Ok(reached) => last = reached.max(now),
                Err(e) => {
                    tracing::warn!(error = %e, "push: reading the change log failed");
                    std::thread::sleep(WAIT);
                }
            }
        }
    })
}

/// Reads the change log after `after` and notifies every subscriber; returns the
/// clock of the last entry read.
fn publish(
    store: &store::Store,
    subscribers: &Subscribers,
    after: u64,
) -> Result<u64, store::StoreError> {
    let mut last = after;
    let mut commits: BTreeMap<u64, Vec<protocol::Change>> = BTreeMap::new();
    loop {
        let page = store.changes_since(last, PAGE)?;
        let full = page.len() == PAGE;
        for change in page {
            last = last.max(change.clock);
            commits.entry(change.clock).or_default().push(change);
        }
        if !full {
            break;
        }
        // A commit may straddle the page boundary: re-read from just before it.
        if let Some((&clock, _)) = commits.last_key_value() {
            commits.remove(&clock);
            last = clock - 1;
        }
    }
    let wants_kinds = subscribers.lock().values().any(|s| s.filter.kinds.is_some());
    for (clock, changes) in commits {
        let kinds = if wants_kinds { kinds_of(store, &changes)? } else { HashMap::new() };
        let mut map = subscribers.lock();
        map.retain(|id, sub| {
            let Some(note) = notification(id, clock, &changes, &sub.filter, &kinds) else {
                return true;
            };
            match sub.tx.try_send(note) {
                Ok(()) => true,
                Err(mpsc::error::TrySendError::Full(_)) => {
                    sub.lagged.store(true, Ordering::SeqCst);
                    false
                }
                Err(mpsc::error::TrySendError::Closed(_)) => false,
            }
        });
    }
    Ok(last)
}

/// The kinds of the nodes a commit added or changed (removed nodes are gone from the
/// store; see [`notification`]).
fn kinds_of(
    store: &store::Store,
    changes: &[protocol::Change],
) -> Result<HashMap<String, model::NodeKind>, store::StoreError> {
    let ids: Vec<String> = changes
        .iter()
        .filter(|c| c.change != ChangeKind::Removed)
        .map(|c| c.node_id.clone())
        .collect();
    Ok(store.summaries_of(&ids)?.into_iter().map(|s| (s.id, s.kind)).collect())
}

/// What subscription `id` with `filter` is told about the commit at `clock`; `None`
/// when nothing matches. A removed node's kind is no longer known, so under a
/// `kinds` filter removed nodes match on their path alone.
fn notification(
    id: &str,
    clock: u64,
    changes: &[protocol::Change],
    filter: &SubscribeParams,
    kinds: &HashMap<String, model::NodeKind>,
) -> Option<ChangesNotification> {
    let mut note = ChangesNotification {
        subscription: id.to_owned(),
        clock,
        changed: Vec::new(),
        removed: Vec::new(),
    };
    for change in changes {
        if filter.path.as_deref().is_some_and(|prefix| !change.path.starts_with(prefix)) {
            continue;
        }
        let removed = change.change == ChangeKind::Removed;
        if let (Some(wanted), false) = (&filter.kinds, removed) {
            if !kinds.get(&change.node_id).is_some_and(|k| wanted.contains(k)) {
                continue;
            }
        }
        if removed {
            note.removed.push(change.node_id.clone());
        } else {
            note.changed.push(change.node_id.clone());
        }
    }
    (!note.changed.is_empty() || !note.removed.is_empty()).then_some(note)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store whose log holds three commits (a cold index, then two edits).
    fn three_commits(dir: &std::path::Path) -> store::Store {
        let root = dir.join("repo");
        std::fs::create_dir_all(root.join("pkg")).unwrap();
        let config = index::Config::new(&root).unwrap();
        for version in 0..3 {
            std::fs::write(root.join("pkg/a.py"), format!("def f():\n    return {version}\n"))
                .unwrap();
            std::fs::write(root.join("b.py"), format!("class B:\n    x = {version}\n")).unwrap();
            // Past git's racy window, so every version is re-read.
            index::index(&config, &|_| {}).unwrap();
        }
        store::Store::open_read_only(&config.db_path()).unwrap()
    }

    #[test]
    fn each_commit_is_one_notification_filtered_per_subscriber() {
        let dir = tempfile::tempdir().unwrap();
        let store = three_commits(dir.path());
        let subscribers = Subscribers::default();
        let lagged = Arc::new(AtomicBool::new(false));
        let (tx, mut rx) = mpsc::channel(16);
        let all = subscribers.add(SubscribeParams::default(), tx.clone(), lagged.clone());
        let pkg = SubscribeParams { path: Some("pkg/".into()), ..Default::default() };
        let pkg = subscribers.add(pkg, tx.clone(), lagged.clone());
        let classes =
            SubscribeParams { kinds: Some(vec![model::NodeKind::Class]), ..Default::default() };
        let classes = subscribers.add(classes, tx, lagged.clone());
        let clock = publish(&store, &subscribers, 0).unwrap();
        assert_eq!(clock, store.clock().unwrap());
        let mut notes = Vec::new();
        while let Ok(note) = rx.try_recv() {
            notes.push(note);
        }
        let of = |id: &str| notes.iter().filter(|n| n.subscription == id).collect::<Vec<_>>();
        assert!(of(&all).len() >= 2, "{notes:?}");
        assert!(of(&pkg).iter().all(|n| n.changed.iter().all(|id| id.starts_with("pkg/"))));
        assert!(of(&pkg).iter().any(|n| n.changed.contains(&"pkg/a.py::f".to_owned())));
        assert!(of(&classes).iter().all(|n| n.changed.iter().all(|id| id == "b.py::B")));
        assert!(!of(&classes).is_empty());
        assert!(!lagged.load(Ordering::SeqCst));
    }

    #[test]
    fn a_full_subscriber_is_marked_lagging_and_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let store = three_commits(dir.path());
        let subscribers = Subscribers::default();
        let lagged = Arc::new(AtomicBool::new(false));
        let (tx, mut rx) = mpsc::channel(1);
        subscribers.add(SubscribeParams::default(), tx, lagged.clone());
        publish(&store, &subscribers, 0).unwrap();
        assert!(lagged.load(Ordering::SeqCst), "the overflow must be reported");
        assert!(subscribers.is_empty(), "a lagging subscriber is dropped");
        assert!(rx.try_recv().is_ok());
        // Its channel is closed: the WebSocket sees the end after the queued note.
        assert!(rx.try_recv().is_err());
    }
}
