//! What each `context.pack` session has been sent: node id → the `version` sent, so a
//! later pack in the session leaves out nodes the client already holds unchanged.
//! Memory is bounded: at most [`SessionLimits::max_sessions`] sessions (the least
//! recently used is evicted), [`SessionLimits::max_ids`] ids each (the oldest sent are
//! forgotten, and so simply re-sent), at most [`SessionLimits::max_total_ids`] ids over
//! all sessions (least recently used sessions are evicted), and sessions idle longer
//! than [`SessionLimits::idle_ttl`] are dropped.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Bounds on the memory [`Sessions`] uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionLimits {
    /// Most sessions remembered at once (default 1,024).
    pub max_sessions: usize,
    /// Most node ids remembered per session (default 8,192).
    pub max_ids: usize,
    /// A session unused for this long is forgotten (default 1 hour).
    pub idle_ttl: Duration,
    /// Most node ids remembered over all sessions (default 65,536, about 12 MiB).
    pub max_total_ids: usize,
}

impl Default for SessionLimits {
    fn default() -> SessionLimits {
        SessionLimits {
            max_sessions: 1024,
            max_ids: 8192,
            idle_ttl: Duration::from_secs(3600),
            max_total_ids: 65_536,
        }
    }
}

/// Context-pack sessions kept by a running daemon (`server::Live::sessions`). Shared
/// by every request thread; each call takes one short lock.
#[derive(Debug, Default)]
pub struct Sessions {
    limits: SessionLimits,
    inner: Mutex<HashMap<String, Session>>,
}

#[derive(Debug)]
struct Session {
    /// id → (version sent, send sequence number).
    sent: HashMap<String, (String, u64)>,
    next_seq: u64,
    last_used: Instant,
}

impl Sessions {
    /// Sessions with the given bounds.
    pub fn with_limits(limits: SessionLimits) -> Sessions {
        Sessions { limits, inner: Mutex::new(HashMap::new()) }
    }

    /// How many sessions are remembered now.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// True when no session is remembered.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// For each `(id, version)`, whether `session` was already sent that id at that
    /// version (an unknown or expired session has been sent nothing).
    pub fn already_sent(&self, session: &str, nodes: &[(&str, &str)]) -> Vec<bool> {
        let mut map = self.lock();
        self.expire(&mut map, Instant::now());
        match map.get(session) {
            None => vec![false; nodes.len()],
            Some(s) => nodes
                .iter()
                .map(|(id, version)| s.sent.get(*id).is_some_and(|(v, _)| v == version))
                .collect(),
        }
    }

    /// Remembers that `session` was sent these `(id, version)`s now.
    pub fn record(&self, session: &str, nodes: &[(String, String)]) {
        let now = Instant::now();
        let mut map = self.lock();
        self.expire(&mut map, now);
        if !map.contains_key(session) && map.len() >= self.limits.max_sessions.max(1) {
            let lru = map.iter().min_by_key(|(_, s)| s.last_used).map(|(k, _)| k.clone());
            if let Some(lru) = lru {
                map.remove(&lru);
            }
        }
        let s = map.entry(session.to_owned()).or_insert_with(|| Session {
            sent: HashMap::new(),
            next_seq: 0,
            last_used: now,
        });
        s.last_used = now;
        for (id, version) in nodes {
            s.sent.insert(id.clone(), (version.clone(), s.next_seq));
            s.next_seq += 1;
        }
        let max_ids = self.limits.max_ids.max(1);
        if s.sent.len() > max_ids {
            // Forget the oldest sends, down to 3/4 of the cap, so the sort is paid
            // once per many records rather than on every one.
            let keep = max_ids - max_ids / 4;
            let mut seqs: Vec<u64> = s.sent.values().map(|(_, seq)| *seq).collect();
            seqs.sort_unstable();
            let cutoff = seqs[seqs.len() - keep.max(1)];
            s.sent.retain(|_, (_, seq)| *seq >= cutoff);
        }
        // Over the total: evict the least recently used other sessions.
        let mut total: usize = map.values().map(|s| s.sent.len()).sum();
        while total > self.limits.max_total_ids.max(1) && map.len() > 1 {
            let lru = map
                .iter()
                .filter(|(k, _)| k.as_str() != session)
                .min_by_key(|(_, s)| s.last_used)
                .map(|(k, _)| k.clone());
            let Some(lru) = lru else { break };
            total -= map.remove(&lru).map_or(0, |s| s.sent.len());
        }
    }

    fn expire(&self, map: &mut HashMap<String, Session>, now: Instant) {
        let ttl = self.limits.idle_ttl;
        map.retain(|_, s| now.duration_since(s.last_used) <= ttl);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Session>> {
        // A panic while holding the lock leaves plain data behind: keep using it.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(id: &str, v: &str) -> (String, String) {
        (id.to_owned(), v.to_owned())
    }

    #[test]
    fn remembers_versions_per_session() {
        let s = Sessions::default();
        s.record("a", &[pair("x", "1"), pair("y", "1")]);
        assert_eq!(
            s.already_sent("a", &[("x", "1"), ("y", "2"), ("z", "1")]),
            [true, false, false]
        );
        assert_eq!(s.already_sent("b", &[("x", "1")]), [false]);
    }

    #[test]
    fn evicts_the_least_recently_used_session() {
        let s = Sessions::with_limits(SessionLimits { max_sessions: 2, ..Default::default() });
        s.record("a", &[pair("x", "1")]);
        s.record("b", &[pair("x", "1")]);
        s.record("a", &[]);
        s.record("c", &[pair("x", "1")]);
        assert_eq!(s.len(), 2);
        assert_eq!(s.already_sent("a", &[("x", "1")]), [true]);
        assert_eq!(s.already_sent("b", &[("x", "1")]), [false]);
    }

    #[test]
    fn forgets_the_oldest_ids_past_the_cap() {
        let s = Sessions::with_limits(SessionLimits { max_ids: 8, ..Default::default() });
        let ids: Vec<(String, String)> = (0..20).map(|i| pair(&format!("n{i}"), "v")).collect();
        s.record("a", &ids);
        assert_eq!(s.already_sent("a", &[("n0", "v"), ("n19", "v")]), [false, true]);
        let map = s.lock();
        assert!(map["a"].sent.len() <= 8);
    }

    #[test]
    fn evicts_least_recently_used_sessions_past_the_total_cap() {
        let limits = SessionLimits { max_total_ids: 10, ..Default::default() };
        let s = Sessions::with_limits(limits);
        let ids = |p: &str| (0..4).map(|i| pair(&format!("{p}{i}"), "v")).collect::<Vec<_>>();
        s.record("a", &ids("a"));
        s.record("b", &ids("b"));
        s.record("c", &ids("c"));
        assert_eq!(s.len(), 2, "12 ids over a cap of 10: the oldest session goes");
        assert_eq!(s.already_sent("a", &[("a0", "v")]), [false]);
        assert_eq!(s.already_sent("c", &[("c0", "v")]), [true]);
    }

    #[test]
    fn drops_idle_sessions() {
        let s = Sessions::default();
        s.record("a", &[pair("x", "1")]);
        s.expire(&mut s.lock(), Instant::now() + Duration::from_secs(3599));
        assert_eq!(s.len(), 1);
        s.expire(&mut s.lock(), Instant::now() + Duration::from_secs(3601));
        assert!(s.is_empty());
    }
}
