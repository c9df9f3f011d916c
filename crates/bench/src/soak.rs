//! The soak benchmark (`codehub-bench --soak MINUTES`): copies Django to a temporary
//! directory, runs `codehub serve --http 127.0.0.1:0` on the copy, and for MINUTES
//! drives edits (atomic and truncate-then-write saves over 64 files, each followed by
//! `sync`) plus socket queries (callers, callees, search, context packs in rotating
//! sessions, `changes.since`) and HTTP queries (REST callers and search, `/rpc`), all
//! in paced loops on loopback. Every minute it prints the daemon's RSS (the minute's
//! maximum, sampled every 5 s), open file descriptors and threads, and the work done;
//! at the end, the maximum RSS of the first and of the last 5 minutes. Memory that
//! grows with uptime rather than with the index shows up as a last-5 maximum above
//! the first-5 one.

use crate::http::Daemon;
use anyhow::{bail, Context, Result};
use serde_json::json;
use server::protocol::methods::{
    ChangesSince, ContextPack, GraphCallees, GraphCallers, NodesGet, SearchText, Sync,
};
use server::protocol::{ChangesParams, ContextParams, NodeGetParams, SearchParams, TraverseParams};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Pause between the editor's saves (~6 saves/s with the sync, as in issue 17).
const EDIT_EVERY: Duration = Duration::from_millis(150);
/// Socket query threads and the pause between their calls.
const SOCKET_CLIENTS: usize = 3;
const SOCKET_EVERY: Duration = Duration::from_millis(12);
/// HTTP query threads (a connection per request) and the pause between requests;
/// with the socket clients about 300 queries/s, as in issue 17.
const HTTP_CLIENTS: usize = 2;
const HTTP_EVERY: Duration = Duration::from_millis(12);
/// Files the editor cycles through.
const EDITED_FILES: usize = 64;
/// Context-pack session ids the queriers rotate through (more than the daemon keeps,
/// so eviction is exercised).
const SESSIONS: u64 = 4096;
/// RSS sampling period.
const SAMPLE_EVERY: Duration = Duration::from_secs(5);

/// What the load threads have done so far.
#[derive(Default)]
struct Counters {
    edits: AtomicU64,
    socket: AtomicU64,
    http: AtomicU64,
    errors: AtomicU64,
}

/// One sample of the daemon process: RSS in KiB, open fds, threads.
struct Sample {
    rss_kib: u64,
    fds: u64,
    threads: u64,
}

fn sample(pid: u32) -> Result<Sample> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd"))?.count() as u64;
    Ok(Sample { rss_kib: field("VmRSS:"), fds, threads: field("Threads:") })
}

/// Runs the soak for `minutes` on a copy of `corpus` (Django).
pub fn run(codehub: &Path, corpus: &Path, minutes: u64) -> Result<()> {
    if minutes == 0 {
        bail!("--soak MINUTES must be at least 1");
    }
    let work = std::env::temp_dir().join(format!("codehub-bench-soak-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let root = work.join("django");
    let status = Command::new("cp").arg("-a").arg(corpus).arg(&root).status()?;
    if !status.success() {
        bail!("copying {} failed", corpus.display());
    }
    let _ = std::fs::remove_dir_all(root.join(".codehub"));
    let result = soak(codehub, &root, minutes);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn soak(codehub: &Path, root: &Path, minutes: u64) -> Result<()> {
    let started = Instant::now();
    let mut child = Command::new(codehub)
        .arg("serve")
        .arg(root)
        .args(["--http", "127.0.0.1:0"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .context("starting codehub serve")?;
    let stderr = child.stderr.take().context("stderr")?;
    let daemon = Daemon(child);
    let pid = daemon.0.id();
    let mut lines = BufReader::new(stderr).lines();
    let addr: SocketAddr = loop {
        let line = lines.next().context("codehub serve ended before serving HTTP")??;
        if let Some(rest) = line.strip_prefix("codehub: HTTP and WebSocket on http://") {
            break rest.split(' ').next().context("address")?.parse()?;
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let state = root.join(".codehub");
    let mut client = loop {
        if let Ok(c) = server::Client::connect(&state, Duration::from_secs(5)) {
            break c;
        }
        if started.elapsed() > Duration::from_secs(60) {
            bail!("the daemon's socket did not come up");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    client.set_timeout(Some(Duration::from_secs(600)))?;
    client
        .request::<Sync>(&Default::default())
        .map_err(|e| anyhow::anyhow!("sync: {}", e.message))?;
    drop(client);
    println!(
        "daemon (pid {pid}) up and synced on a copy of Django in {:.1} s; soaking for {minutes} min",
        started.elapsed().as_secs_f64()
    );
    let store = store::Store::open_read_only(&index::StateDir::new(&state).db())?;
    let callables = Arc::new(crate::callables(&store)?);
    drop(store);
    if callables.is_empty() {
        bail!("no callables indexed");
    }
    let files = Arc::new(edited_files(root, &callables)?);

    let deadline = Instant::now() + Duration::from_secs(minutes * 60);
    let stop = Arc::new(AtomicBool::new(false));
    let counters = Arc::new(Counters::default());
    let mut load = Vec::new();
    {
        let (stop, counters, files, state) =
            (stop.clone(), counters.clone(), files.clone(), state.clone());
        load.push(std::thread::spawn(move || editor(&state, &files, &stop, &counters)));
    }
    for k in 0..SOCKET_CLIENTS {
        let (stop, counters, callables, state) =
            (stop.clone(), counters.clone(), callables.clone(), state.clone());
        load.push(std::thread::spawn(move || {
            socket_queries(&state, &callables, k, &stop, &counters)
        }));
    }
    for k in 0..HTTP_CLIENTS {
        let (stop, counters, callables) = (stop.clone(), counters.clone(), callables.clone());
        load.push(std::thread::spawn(move || http_queries(addr, &callables, k, &stop, &counters)));
    }

    println!(
        "{:>6} {:>12} {:>6} {:>8} {:>7} {:>9} {:>9} {:>7}",
        "minute", "max_rss_MB", "fds", "threads", "edits", "socket_q", "http_q", "errors"
    );
    // Per-minute maximum RSS (KiB).
    let mut per_minute: Vec<u64> = Vec::new();
    let mut minute_max = 0u64;
    let mut next_sample = Instant::now();
    let mut minute_end = Instant::now() + Duration::from_secs(60);
    let (mut e0, mut s0, mut h0) = (0, 0, 0);
    let outcome = loop {
        let Ok(last) = sample(pid) else {
            break Err(anyhow::anyhow!("the daemon is gone"));
        };
        minute_max = minute_max.max(last.rss_kib);
        if Instant::now() >= minute_end {
            per_minute.push(minute_max);
            let (e, s, h) = (
                counters.edits.load(Ordering::SeqCst),
                counters.socket.load(Ordering::SeqCst),
                counters.http.load(Ordering::SeqCst),
            );
            println!(
                "{:>6} {:>12.1} {:>6} {:>8} {:>7} {:>9} {:>9} {:>7}",
                per_minute.len(),
                minute_max as f64 / 1024.0,
                last.fds,
                last.threads,
                e - e0,
                s - s0,
                h - h0,
                counters.errors.load(Ordering::SeqCst)
            );
            (e0, s0, h0) = (e, s, h);
            minute_max = 0;
            minute_end += Duration::from_secs(60);
            if per_minute.len() as u64 >= minutes {
                break Ok(());
            }
        }
        next_sample += SAMPLE_EVERY;
        let now = Instant::now();
        let wake = next_sample.min(minute_end).min(deadline.max(now));
        std::thread::sleep(wake.saturating_duration_since(now));
    };
    stop.store(true, Ordering::SeqCst);
    for t in load {
        if let Ok(Err(e)) = t.join() {
            eprintln!("load thread: {e:#}");
        }
    }
    outcome?;
    let window = per_minute.len().min(5);
    let first = per_minute[..window].iter().max().copied().unwrap_or(0) as f64 / 1024.0;
    let last5 =
        per_minute[per_minute.len() - window..].iter().max().copied().unwrap_or(0) as f64 / 1024.0;
    println!(
        "soak {minutes} min: {} edits, {} socket and {} HTTP queries, {} errors",
        counters.edits.load(Ordering::SeqCst),
        counters.socket.load(Ordering::SeqCst),
        counters.http.load(Ordering::SeqCst),
        counters.errors.load(Ordering::SeqCst)
    );
    println!(
        "max RSS first {window} min {first:.1} MB, last {window} min {last5:.1} MB ({:+.1}%)",
        (last5 / first - 1.0) * 100.0
    );
    drop(daemon);
    Ok(())
}

/// Up to [`EDITED_FILES`] distinct files holding callables, spread over the corpus.
fn edited_files(root: &Path, callables: &[String]) -> Result<Vec<PathBuf>> {
    let mut paths: Vec<&str> = callables.iter().filter_map(|id| id.split("::").next()).collect();
    paths.dedup();
    let step = (paths.len() / EDITED_FILES).max(1);
    let files: Vec<PathBuf> =
        paths.iter().step_by(step).take(EDITED_FILES).map(|p| root.join(p)).collect();
    if files.is_empty() {
        bail!("no files to edit");
    }
    Ok(files)
}

/// Saves file after file (every other save truncates and writes in place, the rest
/// rename a temporary file over it), each followed by `sync`; a file's next edit
/// replaces the previous one, so the tree does not grow.
fn editor(state: &Path, files: &[PathBuf], stop: &AtomicBool, counters: &Counters) -> Result<()> {
    let originals: Vec<Vec<u8>> =
        files.iter().map(std::fs::read).collect::<std::io::Result<_>>()?;
    let mut client = server::Client::connect(state, Duration::from_secs(5))?;
    let mut n = 0usize;
    let result = (|| -> Result<()> {
        while !stop.load(Ordering::SeqCst) {
            let i = n % files.len();
            let mut content = originals[i].clone();
            content.extend_from_slice(
                format!("\n\ndef _codehub_soak_{n}(x):\n    return x + {n}\n").as_bytes(),
            );
            if n.is_multiple_of(2) {
                std::fs::write(&files[i], &content)?;
            } else {
                let tmp = files[i].with_extension("codehub-soak-tmp");
                std::fs::write(&tmp, &content)?;
                std::fs::rename(&tmp, &files[i])?;
            }
            if client.request::<Sync>(&Default::default()).is_err() {
                counters.errors.fetch_add(1, Ordering::SeqCst);
                client = server::Client::connect(state, Duration::from_secs(5))?;
            }
            counters.edits.fetch_add(1, Ordering::SeqCst);
            n += 1;
            std::thread::sleep(EDIT_EVERY);
        }
        Ok(())
    })();
    for (file, original) in files.iter().zip(&originals) {
        std::fs::write(file, original)?;
    }
    result
}

/// Socket queries in a paced loop, rotating through methods and callables.
fn socket_queries(
    state: &Path,
    callables: &[String],
    k: usize,
    stop: &AtomicBool,
    counters: &Counters,
) -> Result<()> {
    let mut client = server::Client::connect(state, Duration::from_secs(5))?;
    let mut n = k * 7919;
    while !stop.load(Ordering::SeqCst) {
        let id = &callables[n % callables.len()];
        let name = id.rsplit(['.', ':']).next().unwrap_or(id);
        let node = id.clone();
        let answered = match n % 6 {
            0 => client
                .request::<GraphCallers>(&TraverseParams {
                    node,
                    depth: Some(2),
                    ..Default::default()
                })
                .is_ok(),
            1 => client
                .request::<GraphCallees>(&TraverseParams { node, ..Default::default() })
                .is_ok(),
            2 => client
                .request::<SearchText>(&SearchParams {
                    query: name.to_owned(),
                    limit: Some(20),
                    ..Default::default()
                })
                .is_ok(),
            3 => client
                .request::<ContextPack>(&ContextParams {
                    nodes: vec![node],
                    budget: Some(2000),
                    session: Some(format!("soak-{}", n as u64 % SESSIONS)),
                    ..Default::default()
                })
                .is_ok(),
            4 => client
                .request::<ChangesSince>(&ChangesParams {
                    clock: Some(0),
                    limit: Some(200),
                    ..Default::default()
                })
                .is_ok(),
            _ => client
                .request::<NodesGet>(&NodeGetParams { node: Some(node), ..Default::default() })
                .is_ok(),
        };
        if !answered {
            counters.errors.fetch_add(1, Ordering::SeqCst);
            client = server::Client::connect(state, Duration::from_secs(5))?;
        }
        counters.socket.fetch_add(1, Ordering::SeqCst);
        n += 1;
        std::thread::sleep(SOCKET_EVERY);
    }
    Ok(())
}

/// HTTP queries in a paced loop: REST callers and search, and JSON-RPC over `/rpc`.
fn http_queries(
    addr: SocketAddr,
    callables: &[String],
    k: usize,
    stop: &AtomicBool,
    counters: &Counters,
) -> Result<()> {
    let mut n = k * 104_729;
    while !stop.load(Ordering::SeqCst) {
        let id = &callables[(n * 31) % callables.len()];
        let name = id.rsplit(['.', ':']).next().unwrap_or(id);
        let ok = match n % 3 {
            0 => http(addr, "GET", &format!("/v1/nodes/{}/callers", encode(id)), ""),
            1 => http(addr, "GET", &format!("/v1/search?q={}", encode(name)), ""),
            _ => http(
                addr,
                "POST",
                "/rpc",
                &json!({ "jsonrpc": "2.0", "id": n, "method": "graph.callees", "params": { "node": id } })
                    .to_string(),
            ),
        }
        .is_ok_and(|status| status == 200);
        if !ok {
            counters.errors.fetch_add(1, Ordering::SeqCst);
        }
        counters.http.fetch_add(1, Ordering::SeqCst);
        n += 1;
        std::thread::sleep(HTTP_EVERY);
    }
    Ok(())
}

/// One HTTP/1.1 exchange (`Connection: close`); returns the status.
fn http(addr: SocketAddr, method: &str, path: &str, body: &str) -> Result<u16> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut reply = Vec::new();
    stream.read_to_end(&mut reply)?;
    let reply = String::from_utf8_lossy(&reply);
    Ok(reply.split(' ').nth(1).context("no status line")?.parse()?)
}

/// Percent-encodes everything but unreserved characters, `/` and `:`.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b':' | b'.' | b'_' | b'-' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
