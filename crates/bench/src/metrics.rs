//! The `/metrics` overhead benchmark (`codehub-bench --metrics [CORPUS]`, default
//! flask): runs `codehub serve --http 127.0.0.1:0` on a copy of the corpus and times
//! `graph.callers` over `POST /rpc` (not cached, so each call runs the query) for
//! every callable in turn, in alternating rounds without and with a scraper that
//! fetches `/metrics` every second. Prints each round's p50 and the medians of both.

use crate::http::{http, Daemon};
use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Rounds of each kind (alternating, so drift in the machine's load hits both).
const ROUNDS: usize = 4;
/// Length of one round.
const ROUND: Duration = Duration::from_secs(5);

/// Runs the benchmark on a copy of `corpus`.
pub fn run(codehub: &Path, corpus: &Path) -> Result<()> {
    let work = std::env::temp_dir().join(format!("codehub-bench-metrics-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let root = work.join("corpus");
    if !Command::new("cp").arg("-a").arg(corpus).arg(&root).status()?.success() {
        bail!("copying {} failed", corpus.display());
    }
    let _ = std::fs::remove_dir_all(root.join(".codehub"));
    let result = bench(codehub, &root);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn bench(codehub: &Path, root: &Path) -> Result<()> {
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
    let _daemon = Daemon(child);
    let mut lines = BufReader::new(stderr).lines();
    let addr: SocketAddr = loop {
        let line = lines.next().context("codehub serve ended before serving HTTP")??;
        if let Some(rest) = line.strip_prefix("codehub: HTTP and WebSocket on http://") {
            break rest.split(' ').next().context("address")?.parse()?;
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let (status, body) = http(addr, "POST", "/rpc", r#"{"jsonrpc":"2.0","id":1,"method":"sync"}"#)?;
    if status != 200 || !body.contains("\"result\"") {
        bail!("sync failed: {status} {body}");
    }
    let (status, metrics) = http(addr, "GET", "/metrics", "")?;
    if status != 200 {
        bail!("GET /metrics: {status} (a codehub without metrics?)");
    }
    println!("/metrics: {} bytes", metrics.len());
    let store = store::Store::open_read_only(&root.join(".codehub/index.db"))?;
    let bodies: Vec<String> = crate::callables(&store)?
        .iter()
        .map(|id| {
            serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "graph.callers", "params": {"node": id}})
                .to_string()
        })
        .collect();
    drop(store);
    if bodies.is_empty() {
        bail!("no callables in {}", root.display());
    }

    let scraping = Arc::new(AtomicBool::new(false));
    let stop = Arc::new(AtomicBool::new(false));
    let scrapes = Arc::new(AtomicU64::new(0));
    let scraper = {
        let (scraping, stop, scrapes) = (scraping.clone(), stop.clone(), scrapes.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                if scraping.load(Ordering::SeqCst) && http(addr, "GET", "/metrics", "").is_ok() {
                    scrapes.fetch_add(1, Ordering::SeqCst);
                }
                std::thread::sleep(Duration::from_secs(1));
            }
        })
    };
    let (mut without, mut with) = (Vec::new(), Vec::new());
    let mut next = 0;
    for round in 0..ROUNDS * 2 {
        let scrape = round % 2 == 1;
        scraping.store(scrape, Ordering::SeqCst);
        let mut latencies = Vec::new();
        let end = Instant::now() + ROUND;
        while Instant::now() < end {
            let body = &bodies[next % bodies.len()];
            next += 1;
            let t = Instant::now();
            let (status, reply) = http(addr, "POST", "/rpc", body)?;
            latencies.push(t.elapsed().as_secs_f64() * 1e3);
            if status != 200 || !reply.contains("\"result\"") {
                bail!("graph.callers: {status} {reply}");
            }
        }
        latencies.sort_by(f64::total_cmp);
        let p50 = latencies[latencies.len() / 2];
        println!(
            "round {} {:<16} {:>6} calls  p50 {p50:.3} ms",
            round + 1,
            if scrape { "scraping 1/s" } else { "no scraping" },
            latencies.len()
        );
        if scrape {
            with.push(p50)
        } else {
            without.push(p50)
        }
    }
    stop.store(true, Ordering::SeqCst);
    let _ = scraper.join();
    let summary = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[v.len() / 2], v[0], v[v.len() - 1])
    };
    let (a, a_lo, a_hi) = summary(&mut without);
    let (b, b_lo, b_hi) = summary(&mut with);
    println!("graph.callers p50, median of {ROUNDS} rounds (min-max):");
    println!("  without /metrics scraping: {a:.3} ms ({a_lo:.3}-{a_hi:.3})");
    println!(
        "  scraping /metrics every 1 s: {b:.3} ms ({b_lo:.3}-{b_hi:.3}), {} scrapes",
        scrapes.load(Ordering::SeqCst)
    );
    Ok(())
}
