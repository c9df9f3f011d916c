//! The daemon's change queue: bounded, coalescing per path, and the bookkeeping that
//! makes the sync barrier possible.
//!
//! Every pushed change gets a sequence number. A path is pending (waiting for a
//! worker), in flight (being extracted or waiting for the writer's commit), or both
//! (changed again while in flight: it will be processed again afterwards, never by two
//! workers at once). [`ChangeQueue::wait_flushed`] waits until nothing with a
//! sequence number at or below a mark is pending or in flight: the barrier under
//! `sync`.
//!
//! A pending path keeps the sequence number of its *oldest* unprocessed change when
//! it coalesces: the worker that takes it reads the newest state on disk, which
//! includes every later change, and a barrier placed between two of its changes still
//! waits for it. A worker may [`ChangeQueue::defer`] a path it found in a suspicious
//! state (a save caught half-way): it stays pending under its sequence number, so
//! barriers wait for it, but is not handed out before its settle deadline unless a
//! new change to it arrives first.
//!
//! With a debounce window ([`ChangeQueue::with_debounce`]), a pending path is handed
//! out only once it has been quiet for the window (every change restarts it, as a
//! trailing-edge debounce does), but never later than [`DEBOUNCE_MAX_FACTOR`] windows
//! after its oldest unhandled change, so a file written continuously is still indexed.
//! A barrier does not wait for the window: a path whose change a `sync` waits for is
//! due at once (read-your-writes), while the settle rule above still applies to it.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// A unit of work handed to a worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Job {
    /// Re-check this root-relative path (file or directory) against the store.
    Path { path: String, seq: u64 },
    /// Reconcile the whole tree against the store.
    Rescan { seq: u64 },
}

/// A debounced path is handed out at the latest this many debounce windows after its
/// oldest unhandled change, however often it keeps changing.
pub const DEBOUNCE_MAX_FACTOR: u32 = 10;

#[derive(Default)]
struct State {
    next_seq: u64,
    /// Pending path → newest sequence number.
    pending: HashMap<String, u64>,
    /// Sequence number → pending path (the queue order).
    order: BTreeMap<u64, String>,
    /// In-flight path → sequence number.
    inflight: HashMap<String, u64>,
    /// Deferred pending paths → the instant before which they are not handed out.
    not_before: HashMap<String, Instant>,
    /// Debounced pending paths → the end of their quiet window.
    quiet_until: HashMap<String, Instant>,
    /// The highest barrier mark a `wait_flushed` has asked for: pending paths at or
    /// below it skip their debounce window.
    expedite: u64,
    /// Pending and in-flight rescans by sequence number (true = taken by a worker).
    rescans: BTreeMap<u64, bool>,
    /// Items pushed, for `status`.
    pushed: u64,
    /// Pending path → when its oldest unhandled change was queued (the queue wait).
    queued_at: HashMap<String, Instant>,
    closed: bool,
}

impl State {
    /// The smallest sequence number not yet committed, if any.
    fn oldest_outstanding(&self) -> Option<u64> {
        let pending = self.order.keys().next().copied();
        let inflight = self.inflight.values().min().copied();
        let rescan = self.rescans.keys().next().copied();
        [pending, inflight, rescan].into_iter().flatten().min()
    }
}

/// A bounded, coalescing queue of changed paths (see the module docs).
pub struct ChangeQueue {
    state: Mutex<State>,
    changed: Condvar,
    bound: usize,
    debounce: Duration,
}

impl ChangeQueue {
    /// A queue holding at most `bound` distinct pending paths; pushing a new path
    /// into a full queue blocks the producer (backpressure) until a worker takes one.
    /// Pushing a path that is already pending never blocks: it coalesces. (The
    /// daemon uses [`ChangeQueue::with_debounce`]; this is its zero-debounce form.)
    #[cfg(test)]
    pub fn new(bound: usize) -> ChangeQueue {
        ChangeQueue::with_debounce(bound, Duration::ZERO)
    }

    /// Like [`ChangeQueue::new`], and a path is handed out only after `debounce` without
    /// a new change to it (see the module docs). Zero disables debouncing.
    pub fn with_debounce(bound: usize, debounce: Duration) -> ChangeQueue {
        ChangeQueue {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            bound: bound.max(1),
            debounce,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the state half-updated in a way
        // that matters more than stopping the daemon would.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Queues `path` (root-relative) and returns its sequence number.
    pub fn push(&self, path: String) -> u64 {
        let mut st = self.lock();
        if !st.pending.contains_key(&path) {
            while st.pending.len() >= self.bound && !st.closed {
                st = self.changed.wait(st).unwrap_or_else(|e| e.into_inner());
            }
        }
        st.next_seq += 1;
        st.pushed += 1;
        let seq = st.next_seq;
        // A new change ends any settle wait: the path is looked at again now.
        st.not_before.remove(&path);
        let now = Instant::now();
        let first = *st.queued_at.entry(path.clone()).or_insert(now);
        if !self.debounce.is_zero() {
            let quiet = (now + self.debounce).min(first + self.debounce * DEBOUNCE_MAX_FACTOR);
            st.quiet_until.insert(path.clone(), quiet);
        }
        if !st.pending.contains_key(&path) {
            // Coalescing keeps the oldest sequence number (see the module docs).
            st.pending.insert(path.clone(), seq);
            st.order.insert(seq, path);
        }
        metrics::gauge!("codehub_queue_depth").set(st.pending.len() as f64);
        drop(st);
        self.changed.notify_all();
        seq
    }

    /// Queues `path` again under an existing sequence number `seq` (one still in
    /// flight), so that barriers that wait for `seq` also wait for this second pass.
    /// Never blocks (workers call it): the bound applies to new changes only.
    pub fn requeue(&self, path: String, seq: u64) {
        let mut st = self.lock();
        match st.pending.get(&path) {
            Some(&pending) if pending <= seq => return,
            Some(&pending) => {
                st.order.remove(&pending);
            }
            None => {}
        }
        if st.order.contains_key(&seq) {
            return; // cannot happen: a sequence number in flight is not pending
        }
        st.pending.insert(path.clone(), seq);
        st.order.insert(seq, path);
        drop(st);
        self.changed.notify_all();
    }

    /// Like [`ChangeQueue::requeue`] for the in-flight job `(path, seq)`, but the path
    /// is not handed out before `until`, unless a new change to it is pushed first
    /// (or one already was while it was in flight: then it is due at once). The caller
    /// then calls [`ChangeQueue::done`] for the job as usual. Returns false, and queues
    /// nothing, once the queue is closed: a stopping daemon commits what it sees.
    pub fn defer(&self, path: String, seq: u64, until: Instant) -> bool {
        let mut st = self.lock();
        if st.closed {
            return false;
        }
        let changed_meanwhile = st.pending.contains_key(&path);
        if !changed_meanwhile {
            st.not_before.insert(path.clone(), until);
        }
        drop(st);
        self.requeue(path, seq);
        true
    }

    /// Queues a reconcile of the whole tree; returns its sequence number. Rescans
    /// coalesce: one that is queued and not yet taken absorbs later requests.
    pub fn push_rescan(&self) -> u64 {
        let mut st = self.lock();
        st.next_seq += 1;
        let seq = st.next_seq;
        if let Some((&queued, _)) = st.rescans.iter().find(|(_, taken)| !**taken) {
            // The queued rescan will run after this point in time anyway; keep the
            // earliest sequence number so barriers before it stay correct.
            let _ = queued;
            return seq;
        }
        st.rescans.insert(seq, false);
        drop(st);
        self.changed.notify_all();
        seq
    }

    /// The newest sequence number handed out: a barrier mark.
    pub fn mark(&self) -> u64 {
        self.lock().next_seq
    }

    /// Blocks until a job is available and returns it, or `None` once the queue is
    /// closed and empty. Paths in flight are skipped until their commit.
    pub fn pop(&self) -> Option<Job> {
        let mut st = self.lock();
        loop {
            if let Some((&seq, _)) = st.rescans.iter().find(|(_, taken)| !**taken) {
                // A rescan waits for in-flight work, so it sees a settled store.
                if st.inflight.is_empty() {
                    st.rescans.insert(seq, true);
                    return Some(Job::Rescan { seq });
                }
            } else {
                let now = Instant::now();
                let due = |seq: u64, p: &String| {
                    st.closed
                        || (st.not_before.get(p).is_none_or(|&until| until <= now)
                            && (seq <= st.expedite
                                || st.quiet_until.get(p).is_none_or(|&until| until <= now)))
                };
                let next =
                    st.order.iter().find(|(&seq, p)| !st.inflight.contains_key(*p) && due(seq, p));
                if let Some((&seq, path)) = next {
                    let path = path.clone();
                    st.order.remove(&seq);
                    st.pending.remove(&path);
                    st.not_before.remove(&path);
                    st.quiet_until.remove(&path);
                    st.inflight.insert(path.clone(), seq);
                    if let Some(at) = st.queued_at.remove(&path) {
                        metrics::histogram!("codehub_queue_wait_seconds").record(at.elapsed());
                    }
                    metrics::gauge!("codehub_queue_depth").set(st.pending.len() as f64);
                    drop(st);
                    self.changed.notify_all();
                    return Some(Job::Path { path, seq });
                }
            }
            if st.closed && st.order.is_empty() && st.rescans.is_empty() {
                return None;
            }
            // Wake for the earliest settle or debounce deadline, if a path waits for one.
            let now = Instant::now();
            let wake = st.not_before.values().chain(st.quiet_until.values()).min();
            match wake.map(|&until| until.saturating_duration_since(now)) {
                Some(left) => {
                    let left = left.max(Duration::from_millis(1));
                    st = self.changed.wait_timeout(st, left).unwrap_or_else(|e| e.into_inner()).0;
                }
                None => st = self.changed.wait(st).unwrap_or_else(|e| e.into_inner()),
            }
        }
    }

    /// Marks a job committed (or abandoned): its path may be taken again.
    pub fn done(&self, job: &Job) {
        let mut st = self.lock();
        match job {
            Job::Path { path, seq } => {
                if st.inflight.get(path) == Some(seq) {
                    st.inflight.remove(path);
                }
            }
            Job::Rescan { seq } => {
                st.rescans.remove(seq);
            }
        }
        drop(st);
        self.changed.notify_all();
    }

    /// Waits until every job with a sequence number `<= mark` is committed. Returns
    /// false on timeout.
    pub fn wait_flushed(&self, mark: u64, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut st = self.lock();
        if mark > st.expedite {
            // Paths this barrier waits for skip their debounce window.
            st.expedite = mark;
            if !st.quiet_until.is_empty() {
                self.changed.notify_all();
            }
        }
        loop {
            match st.oldest_outstanding() {
                Some(oldest) if oldest <= mark => {}
                _ => return true,
            }
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            st = self.changed.wait_timeout(st, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    /// A one-line account of what is outstanding, for timeout messages.
    pub fn describe(&self) -> String {
        let st = self.lock();
        format!(
            "{} pending, in flight {:?}, rescans {:?}, newest seq {}",
            st.order.len(),
            st.inflight.iter().take(5).collect::<Vec<_>>(),
            st.rescans,
            st.next_seq
        )
    }

    /// Pending plus in-flight jobs.
    pub fn depth(&self) -> u64 {
        let st = self.lock();
        (st.order.len() + st.inflight.len() + st.rescans.len()) as u64
    }

    /// Stops accepting new waits: blocked producers and idle workers wake up; workers
    /// drain what is queued, then `pop` returns `None`.
    pub fn close(&self) {
        self.lock().closed = true;
        self.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_burst_on_one_path_is_one_job() {
        let q = ChangeQueue::new(8);
        for _ in 0..100 {
            q.push("a.py".into());
        }
        assert_eq!(q.depth(), 1);
        let job = q.pop().unwrap();
        assert_eq!(job, Job::Path { path: "a.py".into(), seq: 1 }, "the oldest change's number");
    }

    #[test]
    fn a_barrier_between_two_changes_of_one_path_waits_for_it() {
        let q = ChangeQueue::new(8);
        q.push("a.py".into());
        let mark = q.mark();
        q.push("a.py".into());
        assert!(!q.wait_flushed(mark, Duration::from_millis(10)), "a.py's first change is pending");
        let job = q.pop().unwrap();
        q.done(&job);
        assert!(q.wait_flushed(mark, Duration::from_millis(10)));
    }

    #[test]
    fn a_deferred_path_waits_for_its_deadline_and_holds_the_barrier() {
        let q = ChangeQueue::new(8);
        q.push("a.py".into());
        let mark = q.mark();
        let job = q.pop().unwrap();
        let started = Instant::now();
        assert!(q.defer("a.py".into(), 1, started + Duration::from_millis(40)));
        q.done(&job);
        assert!(!q.wait_flushed(mark, Duration::from_millis(5)), "deferred is still outstanding");
        let again = q.pop().unwrap();
        assert!(started.elapsed() >= Duration::from_millis(40), "handed out before its deadline");
        assert_eq!(again, Job::Path { path: "a.py".into(), seq: 1 });
        q.done(&again);
        assert!(q.wait_flushed(mark, Duration::from_millis(10)));
    }

    #[test]
    fn a_new_change_ends_a_settle_wait() {
        let q = Arc::new(ChangeQueue::new(8));
        q.push("a.py".into());
        let job = q.pop().unwrap();
        let started = Instant::now();
        q.defer("a.py".into(), 1, started + Duration::from_secs(30));
        q.done(&job);
        q.push("a.py".into());
        assert_eq!(q.pop().unwrap(), Job::Path { path: "a.py".into(), seq: 1 });
        assert!(started.elapsed() < Duration::from_secs(5));
        // A change that came while the job was in flight makes a deferral due at once.
        q.push("b.py".into());
        let b = q.pop().unwrap();
        q.push("b.py".into());
        q.defer("b.py".into(), 3, Instant::now() + Duration::from_secs(30));
        q.done(&b);
        assert_eq!(q.pop().unwrap(), Job::Path { path: "b.py".into(), seq: 3 });
    }

    #[test]
    fn a_debounced_path_waits_until_it_has_been_quiet() {
        let q = ChangeQueue::with_debounce(8, Duration::from_millis(60));
        let started = Instant::now();
        q.push("a.py".into());
        std::thread::sleep(Duration::from_millis(30));
        q.push("a.py".into()); // restarts the window
        let job = q.pop().unwrap();
        assert!(started.elapsed() >= Duration::from_millis(90), "handed out inside the window");
        assert_eq!(job, Job::Path { path: "a.py".into(), seq: 1 }, "one job for both changes");
    }

    #[test]
    fn a_path_that_keeps_changing_is_still_handed_out() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let window = Duration::from_millis(20);
        let q = Arc::new(ChangeQueue::with_debounce(8, window));
        let stop = Arc::new(AtomicBool::new(false));
        // Changes every 5 ms for up to 5 s: the window alone would never end.
        let writer = {
            let (q, stop) = (q.clone(), stop.clone());
            std::thread::spawn(move || {
                for _ in 0..1000 {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    q.push("hot.py".into());
                    std::thread::sleep(Duration::from_millis(5));
                }
            })
        };
        let started = Instant::now();
        let job = q.pop().unwrap();
        let waited = started.elapsed();
        stop.store(true, Ordering::SeqCst);
        writer.join().unwrap();
        assert!(matches!(job, Job::Path { ref path, .. } if path == "hot.py"));
        assert!(
            waited < window * DEBOUNCE_MAX_FACTOR + Duration::from_secs(2),
            "starved for {waited:?} while the file kept changing"
        );
    }

    #[test]
    fn a_barrier_does_not_wait_for_the_debounce_window() {
        let q = Arc::new(ChangeQueue::with_debounce(8, Duration::from_secs(30)));
        q.push("a.py".into());
        let mark = q.mark();
        let worker = {
            let q = q.clone();
            std::thread::spawn(move || {
                let job = q.pop().unwrap();
                q.done(&job);
                job
            })
        };
        let started = Instant::now();
        assert!(q.wait_flushed(mark, Duration::from_secs(5)), "sync waited out the window");
        assert!(started.elapsed() < Duration::from_secs(5));
        assert_eq!(worker.join().unwrap(), Job::Path { path: "a.py".into(), seq: 1 });
    }

    #[test]
    fn a_path_in_flight_is_not_handed_out_twice() {
        let q = ChangeQueue::new(8);
        q.push("a.py".into());
        let first = q.pop().unwrap();
        q.push("a.py".into());
        q.push("b.py".into());
        // a.py changed again while in flight: b.py comes first, a.py waits.
        assert_eq!(q.pop().unwrap(), Job::Path { path: "b.py".into(), seq: 3 });
        let mark = q.mark();
        assert!(!q.wait_flushed(mark, Duration::from_millis(10)));
        q.done(&first);
        assert_eq!(q.pop().unwrap(), Job::Path { path: "a.py".into(), seq: 2 });
    }

    #[test]
    fn a_full_queue_blocks_the_producer_until_a_worker_takes_a_job() {
        let q = Arc::new(ChangeQueue::new(2));
        q.push("a".into());
        q.push("b".into());
        let producer = {
            let q = q.clone();
            std::thread::spawn(move || q.push("c".into()))
        };
        std::thread::sleep(Duration::from_millis(50));
        assert!(!producer.is_finished(), "the third distinct path must wait");
        let job = q.pop().unwrap();
        producer.join().unwrap();
        q.done(&job);
        let mut seen = Vec::new();
        q.close();
        while let Some(job) = q.pop() {
            if let Job::Path { path, .. } = &job {
                seen.push(path.clone());
            }
            q.done(&job);
        }
        assert_eq!(seen, vec!["b".to_string(), "c".to_string()], "nothing dropped");
    }

    #[test]
    fn a_requeued_second_pass_holds_the_barrier_of_the_first() {
        let q = ChangeQueue::new(8);
        q.push("dir".into());
        let mark = q.mark();
        let first = q.pop().unwrap();
        q.requeue("dir".into(), 1);
        q.done(&first);
        assert!(!q.wait_flushed(mark, Duration::from_millis(10)), "the second pass is pending");
        let second = q.pop().unwrap();
        assert_eq!(second, Job::Path { path: "dir".into(), seq: 1 });
        q.done(&second);
        assert!(q.wait_flushed(mark, Duration::from_millis(10)));
    }

    #[test]
    fn the_barrier_waits_for_commits_not_for_later_changes() {
        let q = ChangeQueue::new(8);
        q.push("a".into());
        let mark = q.mark();
        let job = q.pop().unwrap();
        q.push("later".into());
        assert!(!q.wait_flushed(mark, Duration::from_millis(10)));
        q.done(&job);
        assert!(q.wait_flushed(mark, Duration::from_millis(10)), "later changes do not hold it");
    }
}
