//! The HTTP benchmark (`codehub-bench --http`): copies Django to a temporary
//! directory, runs `codehub serve --http 127.0.0.1:0` on the copy, and drives
//! `GET /v1/nodes/{id}/callers` with `wrk` (16 connections, `--latency`) while an
//! editor saves a file every ~100 ms, so commits land during the run: first one
//! node's callers (repeated reads, answered from the per-clock cache between
//! commits), then every callable's callers in turn (the query path itself). Prints
//! wrk's reports, then requests/s, p99 and the commits made meanwhile.

use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Connections wrk keeps open.
const CONNECTIONS: u32 = 16;
/// wrk's run.
const DURATION_S: u32 = 20;
/// Pause between the editor's saves.
const EDIT_EVERY: Duration = Duration::from_millis(100);

/// A daemon child process, killed and reaped when dropped (every bench mode that
/// runs `codehub serve` holds one).
pub(crate) struct Daemon(pub(crate) Child);

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One HTTP/1.1 exchange (`Connection: close`): status and body.
pub(crate) fn http(
    addr: SocketAddr,
    method: &str,
    path: &str,
    body: &str,
) -> Result<(u16, String)> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(120)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut reply = String::new();
    stream.read_to_string(&mut reply)?;
    let status = reply.split(' ').nth(1).context("no status line")?.parse()?;
    let body = reply.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_owned();
    Ok((status, body))
}

fn clock(addr: SocketAddr) -> Result<u64> {
    let (_, body) = http(addr, "GET", "/healthz", "")?;
    let value: serde_json::Value = serde_json::from_str(&body)?;
    value["clock"].as_u64().context("no clock in /healthz")
}

/// Runs the benchmark on a copy of `corpus` (Django), querying callers of `node` and
/// editing `edit_file` (relative to the corpus root).
pub fn run(codehub: &Path, corpus: &Path, edit_file: &str, node: &str) -> Result<()> {
    let work = std::env::temp_dir().join(format!("codehub-bench-http-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let root = work.join("django");
    let status = Command::new("cp").arg("-a").arg(corpus).arg(&root).status()?;
    if !status.success() {
        bail!("copying {} failed", corpus.display());
    }
    let _ = std::fs::remove_dir_all(root.join(".codehub"));
    let result = bench(codehub, &root, edit_file, node);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn bench(codehub: &Path, root: &Path, edit_file: &str, node: &str) -> Result<()> {
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
    let _daemon = Daemon(child);
    let mut lines = BufReader::new(stderr).lines();
    let addr: SocketAddr = loop {
        let line = lines.next().context("codehub serve ended before serving HTTP")??;
        if let Some(rest) = line.strip_prefix("codehub: HTTP and WebSocket on http://") {
            break rest.split(' ').next().context("address")?.parse()?;
        }
    };
    // Keep draining the daemon's stderr so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let (status, body) = http(addr, "POST", "/rpc", r#"{"jsonrpc":"2.0","id":1,"method":"sync"}"#)?;
    if status != 200 || !body.contains("\"result\"") {
        bail!("sync failed: {status} {body}");
    }
    println!(
        "daemon up and synced (cold index of the copy included) in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    let path = format!("/v1/nodes/{node}/callers");
    let (status, body) = http(addr, "GET", &path, "")?;
    if status != 200 {
        bail!("GET {path}: {status} {body}");
    }
    let callers =
        serde_json::from_str::<serde_json::Value>(&body)?["reached"].as_array().map_or(0, Vec::len);
    println!("GET {path}: {} bytes, {callers} callers", body.len());

    // (1) One node's callers, as an agent re-asking while it edits would.
    load(addr, root, edit_file, &format!("callers of {node}"), &[path])?;

    // (2) Every function's and method's callers in turn: almost every request misses
    // the per-clock answer cache, so this measures the query path itself.
    let store = store::Store::open_read_only(&root.join(".codehub/index.db"))?;
    let paths: Vec<String> = crate::callables(&store)?
        .iter()
        .map(|id| format!("/v1/nodes/{}/callers", encode(id)))
        .collect();
    drop(store);
    load(addr, root, edit_file, &format!("callers of each of {} callables", paths.len()), &paths)
}

/// Percent-encodes what a node id may hold that a URL path cannot (`#` of
/// duplicates, spaces, ...); `/` and `:` stay as they are.
fn encode(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b':' | b'.' | b'_' | b'-' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Runs wrk for [`DURATION_S`] over `paths` (in turn, through a Lua script when
/// there are several) while `edit_file` is saved every [`EDIT_EVERY`]; prints wrk's
/// report and a one-line summary.
fn load(
    addr: SocketAddr,
    root: &Path,
    edit_file: &str,
    label: &str,
    paths: &[String],
) -> Result<()> {
    let file = root.join(edit_file);
    let original = std::fs::read(&file)?;
    let stop = Arc::new(AtomicBool::new(false));
    let editor = {
        let stop = stop.clone();
        let file = file.clone();
        let original = original.clone();
        std::thread::spawn(move || -> std::io::Result<u64> {
            let mut saves = 0u64;
            while !stop.load(Ordering::SeqCst) {
                let mut content = original.clone();
                content.extend_from_slice(format!("\n# codehub-bench edit {saves}\n").as_bytes());
                let tmp = file.with_extension("codehub-bench-tmp");
                std::fs::write(&tmp, &content)?;
                std::fs::rename(&tmp, &file)?;
                saves += 1;
                std::thread::sleep(EDIT_EVERY);
            }
            Ok(saves)
        })
    };
    let clock_before = clock(addr)?;
    let url = format!("http://{addr}{}", paths[0]);
    let script = root.with_extension("wrk.lua");
    let mut wrk = Command::new("wrk");
    wrk.args(["-t2", &format!("-c{CONNECTIONS}"), &format!("-d{DURATION_S}s"), "--latency"]);
    if paths.len() > 1 {
        let list: Vec<String> = paths.iter().map(|p| format!("{p:?}")).collect();
        std::fs::write(
            &script,
            format!(
                "paths = {{ {} }}\ncounter = 0\nrequest = function()\n  counter = counter + 1\n  return wrk.format(\"GET\", paths[(counter % #paths) + 1])\nend\n",
                list.join(", ")
            ),
        )?;
        wrk.arg("-s").arg(&script);
    }
    let output = wrk.arg(&url).output().context("running wrk (apt-get install -y wrk)")?;
    let _ = std::fs::remove_file(&script);
    stop.store(true, Ordering::SeqCst);
    let saves = editor.join().map_err(|_| anyhow::anyhow!("editor panicked"))??;
    std::fs::write(&file, &original)?;
    let clock_after = clock(addr)?;
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}");
    if !output.status.success() {
        bail!("wrk failed: {}", String::from_utf8_lossy(&output.stderr));
    }
    let rps = report
        .lines()
        .find_map(|l| l.trim().strip_prefix("Requests/sec:"))
        .map(|v| v.trim().to_owned())
        .unwrap_or_default();
    let p99 = report
        .lines()
        .find_map(|l| l.trim().strip_prefix("99%"))
        .map(|v| v.trim().to_owned())
        .unwrap_or_default();
    let non_2xx = report.lines().find(|l| l.contains("Non-2xx")).unwrap_or("Non-2xx: 0");
    println!(
        "HTTP GET {label}, {CONNECTIONS} connections, {DURATION_S} s: {rps} requests/s, p99 {p99}; {} saves, {} commits meanwhile; {}",
        saves,
        clock_after.saturating_sub(clock_before),
        non_2xx.trim()
    );
    Ok(())
}
