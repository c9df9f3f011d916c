//! `codehub-bench --pathological`: the inputs of issue 17 item 6 that made indexing
//! slow (deeply nested Rust closures, a 2 MiB Python file of 40k functions, 1.9 MB
//! one-line Python and TypeScript files) and the other shapes that hit the same
//! quadratic paths. Each is generated into a temporary root and indexed cold by
//! `codehub index` (and by a `--baseline` binary in the same run), `--runs` times;
//! the median wall and CPU seconds are printed with the spread of the walls.

use crate::{measure, Measured};
use anyhow::{bail, Context, Result};
use std::path::Path;
use std::process::Command;

/// One generated input: a name, the file's root-relative path and its content.
struct Input {
    name: &'static str,
    file: &'static str,
    text: String,
}

/// Repeats `piece(i)` for i = 0, 1, ... while the total stays under `bytes`.
fn fill(bytes: usize, separator: &str, piece: impl Fn(usize) -> String) -> String {
    let mut out = String::with_capacity(bytes);
    for i in 0.. {
        let next = piece(i);
        if out.len() + next.len() + separator.len() + 1 > bytes {
            break;
        }
        if i > 0 {
            out.push_str(separator);
        }
        out.push_str(&next);
    }
    out.push('\n');
    out
}

fn nested_closures(n: usize) -> String {
    format!("fn main() {{\n    let f = {}0;\n}}\n", "|| ".repeat(n))
}

/// 1.9 MB: under the 2 MiB default `max_file_size`, as in the issue.
const BIG: usize = 1_900_000;

fn inputs() -> Vec<Input> {
    vec![
        Input { name: "rust 10k nested closures", file: "lib.rs", text: nested_closures(10_000) },
        Input { name: "rust 20k nested closures", file: "lib.rs", text: nested_closures(20_000) },
        Input {
            name: "python 40k functions",
            file: "big.py",
            text: (0..40_000)
                .map(|i| format!("def function_{i:05}(a, b):\n    return g(a) + b\n\n"))
                .collect(),
        },
        Input {
            name: "python one line",
            file: "one.py",
            text: fill(BIG, "; ", |i| format!("x{i} = f({i})")),
        },
        Input {
            name: "typescript one line",
            file: "one.ts",
            text: fill(BIG, " ", |i| format!("const x{i} = (a: number) => g(a);")),
        },
        // The same quadratic paths, reached by other shapes.
        Input {
            name: "python 20k same-named",
            file: "dups.py",
            text: "def f(a):\n    return a\n\n".repeat(20_000),
        },
        Input {
            name: "python 40k imports",
            file: "imports.py",
            text: (0..40_000).map(|i| format!("import m{i}\n")).collect(),
        },
        Input {
            name: "typescript 20k overloads",
            file: "overloads.ts",
            text: (0..20_000)
                .map(|i| format!("function f{i}(): void;\nfunction f{i}() {{}}\n"))
                .collect(),
        },
        Input {
            name: "test file 40k calls, 1 line",
            file: "a.test.ts",
            text: fill(BIG / 4, " ", |i| format!("f{i}();")),
        },
    ]
}

/// Cold-indexes `root` with `codehub` `runs` times; returns the runs sorted by wall.
fn index_runs(codehub: &Path, root: &Path, runs: usize) -> Result<Vec<Measured>> {
    let state = root.with_extension("state");
    let mut all = Vec::new();
    for _ in 0..runs {
        let _ = std::fs::remove_dir_all(&state);
        let m = measure(
            Command::new(codehub)
                .arg("--json")
                .arg("--state-dir")
                .arg(&state)
                .arg("index")
                .arg(root),
        )?;
        let report: serde_json::Value =
            serde_json::from_str(&m.stdout).context("codehub --json output")?;
        if report["report"]["parsed"].as_u64() != Some(1) {
            bail!("{} did not index the one file: {}", root.display(), report["report"]["skipped"]);
        }
        all.push(m);
    }
    let _ = std::fs::remove_dir_all(&state);
    all.sort_by(|a, b| a.wall_s.total_cmp(&b.wall_s));
    Ok(all)
}

/// Runs the benchmark with `codehub` (and `baseline`, when given), `runs` runs each.
pub fn run(codehub: &Path, baseline: Option<&Path>, runs: usize) -> Result<()> {
    let dir =
        std::env::temp_dir().join(format!("codehub-bench-pathological-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let mut binaries = vec![("codehub", codehub)];
    if let Some(b) = baseline {
        binaries.insert(0, ("baseline", b));
    }
    for (label, bin) in &binaries {
        println!("{label}: {}", bin.display());
    }
    println!(
        "{:<30} {:>9} {:<9} {:>8} {:>8} {:>17}",
        "input", "bytes", "binary", "wall_s", "cpu_s", "walls min..max"
    );
    for (i, input) in inputs().into_iter().enumerate() {
        let root = dir.join(format!("input{i}"));
        std::fs::create_dir_all(&root)?;
        std::fs::write(root.join(input.file), &input.text)?;
        for (label, bin) in &binaries {
            let all = index_runs(bin, &root, runs)?;
            let median = &all[all.len() / 2];
            println!(
                "{:<30} {:>9} {:<9} {:>8.3} {:>8.3} {:>8.3}..{:<8.3}",
                input.name,
                input.text.len(),
                label,
                median.wall_s,
                median.cpu_s,
                all[0].wall_s,
                all[all.len() - 1].wall_s
            );
        }
        std::fs::remove_dir_all(&root)?;
    }
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
