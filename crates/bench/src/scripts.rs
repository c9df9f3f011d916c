//! The update-script benchmark (`codehub-bench --scripts`, issue 14), in process, on
//! Django:
//!
//! 1. Cold index with no scripts and with a trivial script on every node
//!    (`set("one", 1)` on `node_added`, no match), taking turns, `runs` each: the
//!    medians, spreads and the difference.
//! 2. Per-run cost: the trivial script and the shipped `risk` example on 2,000 nodes
//!    (every k-th in id order) through `Store::try_script` (the commit's own path,
//!    rolled back): p50/p90/p99 of the whole run (the store's reads and writes
//!    included) and of the interpreter's part.
//! 3. One edit: `QuerySet.filter`'s body changed, written and committed through the
//!    writer (what the daemon does after extracting a file) in a store with the
//!    shipped examples' rules and one without scripts, taking turns: how many runs
//!    each commit made, how many it checked and did not repeat (early cut-off), and
//!    the commit's p50 with and without.

use crate::serve::percentile;
use anyhow::{Context, Result};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

/// Nodes timed for the per-run cost.
const SAMPLE: usize = 2000;

const TRIVIAL_RULE: &str = r#"[{"name": "trivial", "on": ["node_added"], "script": "trivial"}]"#;

fn rules(json: &str) -> Result<store::rules::RuleSet> {
    let configured: Vec<store::rules::RuleConfig> = serde_json::from_str(json)?;
    Ok(store::rules::RuleSet::configure(&configured)?)
}

/// The shipped examples' rules (examples/codehub.toml, without its `scripts` key).
const EXAMPLE_RULES: &str = r#"[
  {"name": "risk_functions", "on": ["node_added", "signature_changed", "body_changed", "dependency_changed"], "match": {"kind": "function"}, "script": "risk"},
  {"name": "risk_methods", "on": ["node_added", "signature_changed", "body_changed", "dependency_changed"], "match": {"kind": "method"}, "script": "risk"},
  {"name": "owners", "on": ["node_added"], "script": "owner"},
  {"name": "untested_api", "on": ["node_added", "signature_changed", "test_added"], "script": "untested_api"}
]"#;

struct Dir(std::path::PathBuf);

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn line(label: &str, mut values: Vec<f64>, unit: &str) {
    if values.is_empty() {
        return;
    }
    values.sort_by(f64::total_cmp);
    println!(
        "{label:<44} p50 {:>9.1} {unit}  p90 {:>9.1}  p99 {:>9.1}  min {:>9.1}  max {:>9.1}  (n={})",
        percentile(&values, 0.5),
        percentile(&values, 0.9),
        percentile(&values, 0.99),
        values[0],
        values[values.len() - 1],
        values.len()
    );
}

/// Runs the benchmark on Django at `root`, `runs` cold indexes each way and `edits`
/// edits.
pub fn run(root: &Path, runs: usize, edits: usize) -> Result<()> {
    let work =
        Dir(std::env::temp_dir().join(format!("codehub-bench-scripts-{}", std::process::id())));
    std::fs::create_dir_all(work.0.join("scripts"))?;
    std::fs::write(work.0.join("scripts/trivial.py"), "set(\"one\", 1)\n")?;
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/scripts");
    for name in ["risk", "owner", "untested_api"] {
        std::fs::copy(
            examples.join(format!("{name}.py")),
            work.0.join(format!("scripts/{name}.py")),
        )?;
    }
    let mut loads = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        script::Scripts::load(root, &work.0.join("scripts"), script::Limits::default())?;
        loads.push(started.elapsed().as_secs_f64() * 1e3);
    }
    line("start-up: load and compile the 4 scripts (ms)", loads, "ms");
    let engine: Arc<script::Scripts> =
        Arc::new(script::Scripts::load(root, &work.0.join("scripts"), script::Limits::default())?);
    if !script::alloc::installed() {
        println!("note: the counting allocator is not installed: memory limits unmetered");
    }

    // 1. Cold index, without and with the trivial script, taking turns.
    let (mut plain, mut scripted) = (Vec::new(), Vec::new());
    let mut nodes = 0;
    let mut script_runs = 0;
    for run in 0..runs {
        for with_scripts in [false, true] {
            let state = work.0.join(format!("cold-{run}-{with_scripts}"));
            let mut config = index::Config::new(root)?;
            config.state_dir = state.clone();
            if with_scripts {
                config.rules = rules(TRIVIAL_RULE)?;
                config.scripts = Some(engine.clone());
            }
            let started = Instant::now();
            let report = index::index(&config, &|_| {})?;
            let seconds = started.elapsed().as_secs_f64();
            nodes = report.nodes;
            if with_scripts {
                let store = store::Store::open_read_only(&config.db_path())?;
                script_runs = store.script_stats()?.iter().map(|s| s.runs).sum();
                scripted.push(seconds);
            } else {
                plain.push(seconds);
            }
            if run + 1 < runs {
                let _ = std::fs::remove_dir_all(&state);
            }
        }
    }
    println!("Django: {nodes} nodes; the trivial script ran {script_runs} times in a cold index");
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    line("cold index, no scripts (s)", plain.clone(), "s");
    line("cold index, trivial script on every node (s)", scripted.clone(), "s");
    let (p, s) = (median(&mut plain), median(&mut scripted));
    println!(
        "scripts' share of the cold index: {:.2} s (median {:.2} s vs {:.2} s), {:.1} µs per node",
        s - p,
        s,
        p,
        (s - p) / nodes.max(1) as f64 * 1e6
    );

    // 2. Per-run cost through the commit's own path (rolled back).
    let last = runs - 1;
    let state = work.0.join(format!("cold-{last}-true"));
    let mut store = store::Store::open(&state.join(index::DB_FILE))?;
    store.set_scripts(Some(engine.clone()));
    let ids = crate::callables(&store)?;
    let step = (ids.len() / SAMPLE).max(1);
    for script in ["trivial", "risk"] {
        let (mut whole, mut inside) = (Vec::new(), Vec::new());
        for id in ids.iter().step_by(step).take(SAMPLE) {
            let started = Instant::now();
            let trial = store.try_script(script, id)?;
            whole.push(started.elapsed().as_secs_f64() * 1e6);
            inside.push(trial.micros as f64);
            if let Some(f) = trial.failure {
                anyhow::bail!("{script} failed on {id}: {}", f.message);
            }
        }
        line(&format!("one run of `{script}`, whole (µs)"), whole, "µs");
        line(&format!("one run of `{script}`, interpreter (µs)"), inside, "µs");
    }
    drop(store);

    // 3. One edit, with the examples' rules and without scripts.
    let file = "django/db/models/query.py";
    let text = std::fs::read_to_string(root.join(file))?;
    let anchor = "    def filter(self, *args, **kwargs):\n";
    let at = text.find(anchor).context("QuerySet.filter in query.py")? + anchor.len();
    let variant = |i: usize| {
        let mut t = text.clone();
        t.insert_str(at, &format!("        bench_edit = {}\n", i % 2));
        t
    };
    let facts: Vec<model::facts::FileFacts> = (0..2)
        .map(|i| extract::extract(file, variant(i).as_bytes()).context("extracting query.py"))
        .collect::<Result<_>>()?;
    let mut stores = Vec::new();
    for with_scripts in [false, true] {
        let state = work.0.join(format!("edit-{with_scripts}"));
        let mut config = index::Config::new(root)?;
        config.state_dir = state;
        if with_scripts {
            config.rules = rules(EXAMPLE_RULES)?;
            config.scripts = Some(engine.clone());
        }
        index::index(&config, &|_| {})?;
        let mut store = store::Store::open(&config.db_path())?;
        store.set_rules(config.rules.clone());
        store.set_scripts(config.scripts.clone());
        stores.push(store);
    }
    let meta = store::FileMeta { size: 1, mtime_ns: 1, ctime_ns: 1, ino: 1, checked_ns: 1 };
    let (mut plain, mut scripted, mut reruns) = (Vec::new(), Vec::new(), Vec::new());
    let mut skipped = Vec::new();
    let counts = |store: &store::Store| -> Result<(u64, u64)> {
        let stats = store.script_stats()?;
        Ok((stats.iter().map(|s| s.runs).sum(), stats.iter().map(|s| s.skipped).sum()))
    };
    for i in 0..edits.max(2) {
        for (k, store) in stores.iter_mut().enumerate() {
            let before = counts(store)?;
            let started = Instant::now();
            let mut w = store.writer(false)?;
            w.replace_file(&facts[i % 2], meta, model::UpdateSource::FileChange, None)?;
            w.commit()?;
            let ms = started.elapsed().as_secs_f64() * 1e3;
            if k == 0 {
                plain.push(ms);
            } else {
                scripted.push(ms);
                let after = counts(store)?;
                reruns.push((after.0 - before.0) as f64);
                skipped.push((after.1 - before.1) as f64);
            }
        }
    }
    line("edit of QuerySet.filter: commit, no scripts (ms)", plain, "ms");
    line("edit of QuerySet.filter: commit, examples (ms)", scripted, "ms");
    line("edit of QuerySet.filter: script runs per commit", reruns, "runs");
    line("edit of QuerySet.filter: runs checked, not repeated", skipped, "runs");
    Ok(())
}
