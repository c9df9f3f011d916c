//! The daemon benchmark (`codehub-bench --serve CORPUS`): starts `codehub serve` on a
//! corpus, then measures (1) edit-to-visible latency: a file is edited and `sync` is
//! called over the socket, 200 times; (2) `graph.callers` latency over the socket
//! with 8 clients querying while another edits and syncs; (3) the idle daemon's RSS
//! and CPU use.

use crate::http::Daemon;
use anyhow::{bail, Context, Result};
use server::protocol;
use server::protocol::methods::{GraphCallers, Sync};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Writes like an editor's atomic save: a temporary file renamed over the target, so
/// the daemon never reads a half-written file.
fn save(path: &Path, content: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension("codehub-bench-tmp");
    std::fs::write(&tmp, content)?;
    std::fs::rename(&tmp, path)
}

/// The `p` quantile (0..=1) of ascending `sorted` (nearest rank); not empty.
pub(crate) fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn summary(label: &str, mut ms: Vec<f64>) {
    ms.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{label}: n={} p50 {:.3} ms, p90 {:.3} ms, p99 {:.3} ms, max {:.3} ms",
        ms.len(),
        percentile(&ms, 0.5),
        percentile(&ms, 0.9),
        percentile(&ms, 0.99),
        ms[ms.len() - 1]
    );
}

/// `(utime + stime)` clock ticks and RSS in KiB of `pid`, from /proc.
fn proc_usage(pid: u32) -> Result<(u64, u64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    let fields: Vec<&str> = stat.rsplit_once(')').context("stat")?.1.split_whitespace().collect();
    let ticks = fields[11].parse::<u64>()? + fields[12].parse::<u64>()?;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let rss = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0);
    Ok((ticks, rss))
}

/// How long the 8 querying clients run while edits are committed.
const QUERY_PHASE: Duration = Duration::from_secs(5);

/// Runs the daemon benchmark on `root`, editing `edit_file` (relative to `root`) and
/// querying callers of `node`.
pub fn run(codehub: &Path, root: &Path, edit_file: &str, node: &str, edits: usize) -> Result<()> {
    let state = std::env::temp_dir().join("codehub-bench-serve-state");
    let _ = std::fs::remove_dir_all(&state);
    let started = Instant::now();
    let child = Command::new(codehub)
        .arg("--state-dir")
        .arg(&state)
        .arg("serve")
        .arg(root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let daemon = Daemon(child);
    let pid = daemon.0.id();
    let mut client = loop {
        if let Ok(mut c) = server::Client::connect(&state, Duration::from_secs(1)) {
            if c.request::<Sync>(&Default::default()).is_ok() {
                break c;
            }
        }
        if started.elapsed() > Duration::from_secs(120) {
            bail!("the daemon did not come up");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    println!(
        "daemon up and synced (cold index included) in {:.2} s",
        started.elapsed().as_secs_f64()
    );

    let path = root.join(edit_file);
    let original = std::fs::read(&path)?;
    let result = (|| -> Result<()> {
        // (1) Edit to visible.
        let mut latencies = Vec::with_capacity(edits);
        for i in 0..edits {
            let mut content = original.clone();
            content.extend_from_slice(
                format!("\n\ndef _bench_serve_{i}():\n    return {i}\n").as_bytes(),
            );
            let t = Instant::now();
            save(&path, &content)?;
            client.request::<Sync>(&Default::default()).map_err(|e| anyhow::anyhow!(e.message))?;
            latencies.push(t.elapsed().as_secs_f64() * 1e3);
        }
        summary("edit → visible via sync (socket)", latencies);

        // (2) graph.callers with 8 clients while edits are committed.
        let stop = Arc::new(AtomicBool::new(false));
        let editor = {
            let stop = stop.clone();
            let (path, original, state) = (path.clone(), original.clone(), state.clone());
            std::thread::spawn(move || -> Result<u64> {
                let mut c = server::Client::connect(&state, Duration::from_secs(2))?;
                let mut n = 0;
                while !stop.load(Ordering::SeqCst) {
                    let mut content = original.clone();
                    content.extend_from_slice(
                        format!("\n\ndef _bench_load_{n}():\n    return {n}\n").as_bytes(),
                    );
                    save(&path, &content)?;
                    c.request::<Sync>(&Default::default())
                        .map_err(|e| anyhow::anyhow!(e.message))?;
                    n += 1;
                }
                Ok(n)
            })
        };
        let queriers: Vec<_> = (0..8)
            .map(|_| {
                let (state, node) = (state.clone(), node.to_owned());
                std::thread::spawn(move || -> Result<Vec<f64>> {
                    let mut c = server::Client::connect(&state, Duration::from_secs(2))?;
                    let mut out = Vec::with_capacity(100_000);
                    let started = Instant::now();
                    while started.elapsed() < QUERY_PHASE {
                        let t = Instant::now();
                        let params = protocol::TraverseParams {
                            node: node.clone(),
                            depth: Some(1),
                            ..Default::default()
                        };
                        c.request::<GraphCallers>(&params)
                            .map_err(|e| anyhow::anyhow!(e.message))?;
                        out.push(t.elapsed().as_secs_f64() * 1e3);
                    }
                    Ok(out)
                })
            })
            .collect();
        let mut all = Vec::new();
        for q in queriers {
            all.extend(q.join().map_err(|_| anyhow::anyhow!("querier panicked"))??);
        }
        stop.store(true, Ordering::SeqCst);
        let commits = editor.join().map_err(|_| anyhow::anyhow!("editor panicked"))??;
        summary(
            &format!(
                "graph.callers {node} (8 clients for {} s, {commits} edits committed meanwhile)",
                QUERY_PHASE.as_secs()
            ),
            all,
        );
        Ok(())
    })();
    save(&path, &original)?;
    result?;
    client.request::<Sync>(&Default::default()).map_err(|e| anyhow::anyhow!(e.message))?;
    drop(client);

    // (3) Idle.
    std::thread::sleep(Duration::from_secs(2));
    let (ticks0, _) = proc_usage(pid)?;
    std::thread::sleep(Duration::from_secs(10));
    let (ticks1, rss) = proc_usage(pid)?;
    // SAFETY: sysconf has no preconditions.
    let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    println!(
        "idle daemon: RSS {:.1} MB, CPU {:.3} s over 10 s idle",
        rss as f64 / 1024.0,
        (ticks1 - ticks0) as f64 / hz
    );
    let _ = std::fs::remove_dir_all(&state);
    Ok(())
}
