//! The context-pack benchmark (`codehub-bench --context`): indexes Django into a
//! temporary state directory, picks 200 functions and methods (every k-th in id
//! order: deterministic), and times `context.pack` with a 4,000-token budget through
//! `server::dispatch` on a read-only store, after one warm-up call (the tokenizer is
//! built once per process). Prints p50/p90/p99 in milliseconds and the packs' sizes.

use anyhow::{Context, Result};
use server::protocol::methods::{ContextPack, Method};
use server::protocol::{self, ContextResult};
use std::path::Path;
use std::time::Instant;

/// Seeds timed, one pack each.
const SEEDS: usize = 200;
/// Budget of every pack, in tokens.
const BUDGET: u32 = 4000;

/// Runs the benchmark on the tree at `root` (indexed into a temporary directory that
/// is removed afterwards).
pub fn run(root: &Path) -> Result<()> {
    let state = std::env::temp_dir().join(format!("codehub-bench-context-{}", std::process::id()));
    let _cleanup = Cleanup(&state);
    let mut config = index::Config::new(root)?;
    config.state_dir = state.clone();
    let started = Instant::now();
    let report = index::index(&config, &|_| {})?;
    println!(
        "indexed {}: {} files, {} nodes, {} edges in {:.1} s",
        root.display(),
        report.files,
        report.nodes,
        report.edges,
        started.elapsed().as_secs_f64()
    );
    let store = store::Store::open_read_only(&config.db_path())?;

    let callables = crate::callables(&store)?;
    let step = (callables.len() / SEEDS).max(1);
    let seeds: Vec<&String> = callables.iter().step_by(step).take(SEEDS).collect();
    println!("{} callables, {} seeds (every {step}th)", callables.len(), seeds.len());

    let pack = |id: &str| -> Result<(f64, ContextResult)> {
        let params = protocol::ContextParams {
            nodes: vec![id.to_owned()],
            budget: Some(BUDGET),
            ..Default::default()
        };
        let t = Instant::now();
        let value =
            server::dispatch(&store, None, ContextPack::NAME, serde_json::to_value(params)?)
                .map_err(|e| anyhow::anyhow!("context.pack {id}: {}", e.message))?;
        let ms = t.elapsed().as_secs_f64() * 1e3;
        Ok((ms, serde_json::from_value(value).context("decoding the result")?))
    };
    let (warm_ms, _) = pack(seeds.first().context("no callables indexed")?)?;
    println!("first call (builds the tokenizer): {warm_ms:.1} ms");
    let mut ms = Vec::with_capacity(seeds.len());
    let (mut tokens, mut included, mut omitted) = (0u64, 0usize, 0usize);
    for id in &seeds {
        let (t, r) = pack(id)?;
        assert!(r.tokens <= BUDGET, "pack over budget");
        ms.push(t);
        tokens += u64::from(r.tokens);
        included += r.included.len();
        omitted += r.omitted.len();
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    let at = |p: f64| ms[((ms.len() - 1) as f64 * p).round() as usize];
    let n = seeds.len().max(1);
    println!(
        "context.pack budget {BUDGET}: n={} p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms.len(),
        at(0.5),
        at(0.9),
        at(0.99),
        ms[ms.len() - 1]
    );
    println!(
        "mean per pack: {:.0} tokens, {:.1} included, {:.1} omitted",
        tokens as f64 / n as f64,
        included as f64 / n as f64,
        omitted as f64 / n as f64
    );
    Ok(())
}

struct Cleanup<'a>(&'a Path);

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.0);
    }
}
