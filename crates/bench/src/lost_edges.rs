//! Issue 17's reliability campaign as benchmark modes, each run compared with a clean
//! index of the same tree (lines of `graph_dump` that differ):
//! `--interrupt N` (sympy): a cold `codehub index` killed after its first batch commit
//! (plus a varying delay), then the recovery index, timed against clean cold indexes
//! measured in the same run; `--storm N` (Django): `codehub serve` paused with SIGSTOP
//! while 5,000 files are created, 500 renamed, 500 deleted and a directory moved, then
//! SIGCONT and `sync`.

use anyhow::{bail, Context, Result};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Copies `corpus` into a fresh temporary directory; returns (its holder, the copy).
fn copy(corpus: &Path) -> Result<(PathBuf, PathBuf)> {
    let holder = std::env::temp_dir().join(format!("codehub-bench-lost-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&holder);
    std::fs::create_dir_all(&holder)?;
    let root = holder.join("tree");
    let status = Command::new("cp").arg("-r").arg(corpus).arg(&root).status()?;
    if !status.success() {
        bail!("copying {}", corpus.display());
    }
    Ok((holder, root))
}

fn index(codehub: &Path, state: &Path, root: &Path) -> Result<f64> {
    let started = Instant::now();
    let status = Command::new(codehub)
        .arg("--state-dir")
        .arg(state)
        .arg("index")
        .arg(root)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()?;
    if !status.success() {
        bail!("codehub index failed: {status}");
    }
    Ok(started.elapsed().as_secs_f64())
}

fn dump(state: &Path) -> Result<BTreeSet<String>> {
    let store = store::Store::open_read_only(&index::StateDir::new(state).db())?;
    Ok(store.graph_dump()?.into_iter().collect())
}

/// Lines (and edge lines) in one graph and not the other, both ways.
fn difference(a: &BTreeSet<String>, b: &BTreeSet<String>) -> (usize, usize) {
    let lines: Vec<&String> = a.symmetric_difference(b).collect();
    let edges = lines.iter().filter(|l| l.starts_with("edge ")).count();
    (lines.len(), edges)
}

fn spread(label: &str, mut values: Vec<f64>) {
    values.sort_by(|a, b| a.total_cmp(b));
    if values.is_empty() {
        return;
    }
    println!(
        "{label}: n={} median {:.2} s, min {:.2} s, max {:.2} s",
        values.len(),
        values[values.len() / 2],
        values[0],
        values[values.len() - 1]
    );
}

/// `--interrupt N` on `corpus` (sympy).
pub fn interrupt(codehub: &Path, corpus: &Path, runs: usize) -> Result<()> {
    let (holder, root) = copy(corpus)?;
    let clean_state = holder.join("clean");
    let mut colds = Vec::new();
    let mut recoveries = Vec::new();
    let mut failures = 0;
    let mut clean = BTreeSet::new();
    for i in 0..runs {
        let _ = std::fs::remove_dir_all(&clean_state);
        colds.push(index(codehub, &clean_state, &root)?);
        if i == 0 {
            clean = dump(&clean_state)?;
        }
        let state = holder.join("interrupted");
        let _ = std::fs::remove_dir_all(&state);
        let mut child = Command::new(codehub)
            .arg("--state-dir")
            .arg(&state)
            .arg("index")
            .arg(&root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        // Wait for the first batch commit, then up to 2 s more (the kill lands in a
        // later batch or in the final link), and kill it as Ctrl-C would.
        let db = index::StateDir::new(&state).db();
        let committed = loop {
            if let Some(status) = child.try_wait()? {
                bail!("the index ended ({status}) before its first commit was seen");
            }
            let clock = store::Store::open_read_only(&db).and_then(|s| s.clock()).unwrap_or(0);
            if clock >= 1 {
                break Instant::now();
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        let delay = Duration::from_millis((i as u64 * 397) % 2000);
        while committed.elapsed() < delay && child.try_wait()?.is_none() {
            std::thread::sleep(Duration::from_millis(5));
        }
        // SAFETY: kill(2) on our own child's pid.
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGKILL) };
        let status = child.wait()?;
        let killed = !status.success();
        let recovery = index(codehub, &state, &root)?;
        let (lines, edges) = difference(&dump(&state)?, &clean);
        if lines > 0 {
            failures += 1;
        }
        println!(
            "interrupt {i}: killed {} ms after the first commit{}; recovery {recovery:.2} s, clean cold {:.2} s; {lines} lines ({edges} edges) differ from a clean index",
            delay.as_millis(),
            if killed { "" } else { " (it had already finished)" },
            colds[colds.len() - 1],
        );
        recoveries.push(recovery);
    }
    spread("clean cold index", colds);
    spread("recovery index", recoveries);
    println!("runs differing from a clean index: {failures} of {runs}");
    let _ = std::fs::remove_dir_all(&holder);
    Ok(())
}

struct Serve(std::process::Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn sync(codehub: &Path, state: &Path, root: &Path) -> Result<()> {
    let status = Command::new(codehub)
        .current_dir(root)
        .arg("--state-dir")
        .arg(state)
        .arg("sync")
        // A storm takes the daemon minutes on a busy machine; the default 9 s is for
        // interactive use.
        .args(["--timeout", "600"])
        .stdout(Stdio::null())
        .status()?;
    if !status.success() {
        bail!("codehub sync failed: {status}");
    }
    Ok(())
}

/// Storm `i`: 5,000 files created in `storm{i}/` (calling Django and each other), and
/// of the previous storm's files 500 renamed, 500 deleted, the rest of its directory
/// moved; the storm before that is removed.
fn storm(root: &Path, i: usize) -> Result<()> {
    let dir = root.join(format!("storm{i}"));
    std::fs::create_dir_all(&dir)?;
    for k in 0..5000 {
        let source = format!(
            "from django.db.models.query import QuerySet\nfrom storm{i}.n{prev} import g{prev}\n\n\ndef g{k}():\n    return QuerySet().filter(g{prev}())\n",
            prev = (k + 4999) % 5000
        );
        std::fs::write(dir.join(format!("n{k}.py")), source)?;
    }
    if i > 0 {
        let old = root.join(format!("storm{}", i - 1));
        for k in 0..500 {
            std::fs::rename(old.join(format!("n{k}.py")), old.join(format!("r{k}.py")))?;
        }
        for k in 500..1000 {
            std::fs::remove_file(old.join(format!("n{k}.py")))?;
        }
        std::fs::rename(&old, root.join(format!("moved{}", i - 1)))?;
    }
    if i > 1 {
        std::fs::remove_dir_all(root.join(format!("moved{}", i - 2)))?;
    }
    Ok(())
}

/// `--storm N` on `corpus` (Django).
pub fn storms(codehub: &Path, corpus: &Path, runs: usize) -> Result<()> {
    let (holder, root) = copy(corpus)?;
    let state = holder.join("serve");
    let child = Command::new(codehub)
        .arg("--state-dir")
        .arg(&state)
        .arg("serve")
        .arg(&root)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let daemon = Serve(child);
    let pid = daemon.0.id() as libc::pid_t;
    let started = Instant::now();
    while sync(codehub, &state, &root).is_err() {
        if started.elapsed() > Duration::from_secs(300) {
            bail!("the daemon did not answer");
        }
        std::thread::sleep(Duration::from_millis(200));
    }
    let mut failures = 0;
    for i in 0..runs {
        // SAFETY: kill(2) on our own child's pid.
        unsafe { libc::kill(pid, libc::SIGSTOP) };
        let stormed = storm(&root, i);
        unsafe { libc::kill(pid, libc::SIGCONT) };
        stormed.context("the storm")?;
        let started = Instant::now();
        sync(codehub, &state, &root)?;
        let synced = started.elapsed().as_secs_f64();
        let clean_state = holder.join("clean");
        let _ = std::fs::remove_dir_all(&clean_state);
        index(codehub, &clean_state, &root)?;
        let (lines, edges) = difference(&dump(&state)?, &dump(&clean_state)?);
        if lines > 0 {
            failures += 1;
        }
        println!(
            "storm {i}: sync after SIGCONT {synced:.2} s; {lines} lines ({edges} edges) differ from a clean index"
        );
    }
    println!("storms differing from a clean index: {failures} of {runs}");
    drop(daemon);
    let _ = std::fs::remove_dir_all(&holder);
    Ok(())
}
