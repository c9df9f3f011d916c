//! `codehub-bench`: the index benchmark. Fetches pinned corpora with the workspace's
//! `scripts/corpora.sh`, then per corpus runs Universal Ctags (`ctags -R`) as the
//! baseline, the parse-only and extract-only floors (`floor.rs`) and codehub's cold
//! index, taking turns run after run, then its no-op re-index and one-file-changed
//! re-index, printing files, nodes, edges, wall seconds, CPU seconds and peak RSS
//! side by side, the spread of the runs, and the ratios to ctags and the floors.
//!
//! Usage: `codehub-bench [--corpora DIR] [--codehub BIN] [--edits N] [--runs N] [--serve|--context|--http|--interrupt N|--storm N|--pathological [--baseline BIN]|--metrics|--scripts] [CORPUS...]`
//! (`--metrics [flask]`: graph.callers p50 with and without scraping `/metrics`, see
//! `metrics.rs`; `--serve`: the daemon benchmark on Django instead, see `serve.rs`; `--context`:
//! the context.pack benchmark on Django, see `context.rs`; `--http`: the HTTP
//! benchmark with wrk on a copy of Django, see `http.rs`; `--interrupt N` and
//! `--storm N`: issue 17's interrupted cold indexes of sympy and paused-daemon storms
//! on Django, compared with clean indexes, see `lost_edges.rs`; `--pathological`:
//! generated inputs that were slow to index, against `--baseline BIN` too, see
//! `pathological.rs`; `--soak MINUTES`: the daemon's memory, fds and
//! threads under edits and queries, see `soak.rs`; `--scripts`: update scripts on
//! Django, cold and per run and per edit, see `scripts.rs`)
//! with CORPUS among django flask requests sympy rust ts js linux go jdk cpp csharp
//! ruby php (default: django sympy rust ts). Every process is measured with wait4(2)'s rusage, so CPU time and peak
//! RSS are the child's own.

mod context;
mod floor;
mod http;
mod lost_edges;
mod metrics;
mod pathological;
mod scripts;
mod serve;
mod soak;

use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The allocator codehub runs with: it meters update scripts' memory (`--scripts`).
#[global_allocator]
static ALLOCATOR: script::alloc::CountingAllocator = script::alloc::CountingAllocator;

/// A finished child process: exit status, wall time, CPU time and peak RSS.
struct Measured {
    stdout: String,
    wall_s: f64,
    cpu_s: f64,
    max_rss_mb: f64,
}

/// Runs `cmd` to completion and measures it with wait4(2).
fn measure(cmd: &mut Command) -> Result<Measured> {
    cmd.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::null());
    let start = Instant::now();
    let mut child = cmd.spawn().with_context(|| format!("starting {cmd:?}"))?;
    let mut stdout = String::new();
    if let Some(mut out) = child.stdout.take() {
        use std::io::Read;
        out.read_to_string(&mut stdout)?;
    }
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain old data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall_s = start.elapsed().as_secs_f64();
    if r != pid {
        bail!("wait4 failed for {cmd:?}");
    }
    if !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        bail!("{cmd:?} failed with status {status}");
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(Measured {
        stdout,
        wall_s,
        cpu_s: secs(usage.ru_utime) + secs(usage.ru_stime),
        max_rss_mb: usage.ru_maxrss as f64 / 1024.0,
    })
}

struct Corpus {
    name: &'static str,
    /// Argument to corpora.sh.
    fetch: &'static str,
    /// Directory under the corpora root.
    dir: &'static str,
    /// `--languages=` for ctags.
    ctags_languages: &'static str,
    /// More ctags arguments (`--langmap=C:+.h` for the kernel, whose headers are C).
    ctags_extra: &'static [&'static str],
    /// A file (relative to the corpus root) the one-file-changed runs edit.
    edit_file: &'static str,
}

/// One line of the node-count comparison: codehub's kinds (summed over languages)
/// against ctags's kinds. `macro()` is a ctags macro with a signature (a
/// function-like `#define`), `macro` one without; ctags's anonymous tags
/// (`__anon…`) are not counted, since codehub does not make nodes of anonymous types.
/// `(label, codehub kinds, ctags kinds)`.
type KindRow = (&'static str, &'static [&'static str], &'static [&'static str]);

/// The comparison rows for a corpus's ctags language.
fn kind_rows(ctags_languages: &str) -> &'static [KindRow] {
    match ctags_languages {
        "Python" => &[
            ("classes", &["class"], &["class"]),
            ("functions", &["function"], &["function"]),
            ("methods", &["method"], &["member"]),
        ],
        "Rust" => &[
            ("structs", &["struct"], &["struct"]),
            ("functions", &["function"], &["function"]),
            ("methods", &["method"], &["method"]),
        ],
        "C" => &[
            ("functions", &["function"], &["function", "macro()"]),
            ("structs", &["struct"], &["struct", "union"]),
            ("enums", &["enum"], &["enum"]),
            ("typedefs", &["type_alias"], &["typedef"]),
            ("macros", &["constant"], &["macro"]),
        ],
        "C++" => &[
            ("classes", &["class", "struct"], &["class", "struct", "union"]),
            ("functions", &["function", "method"], &["function", "macro()"]),
        ],
        "Go" => &[
            ("functions", &["function", "method"], &["func"]),
            ("structs", &["struct"], &["struct"]),
            ("interfaces", &["interface"], &["interface"]),
        ],
        "Java" | "C#" => &[
            ("classes", &["class"], &["class"]),
            ("interfaces", &["interface"], &["interface"]),
            ("enums", &["enum"], &["enum"]),
            ("methods", &["method"], &["method"]),
        ],
        "Ruby" => &[
            ("classes", &["class"], &["class"]),
            ("methods", &["method", "function"], &["method", "singletonMethod"]),
        ],
        "PHP" => &[
            ("classes", &["class"], &["class"]),
            ("interfaces", &["interface"], &["interface"]),
            ("functions", &["function", "method"], &["function"]),
        ],
        _ => &[
            ("classes", &["class"], &["class"]),
            ("functions", &["function"], &["function"]),
            ("methods", &["method"], &["method"]),
        ],
    }
}

const CORPORA: &[Corpus] = &[
    Corpus {
        name: "django",
        fetch: "django",
        dir: "python/django",
        ctags_languages: "Python",
        ctags_extra: &[],
        edit_file: "django/db/models/query.py",
    },
    Corpus {
        name: "flask",
        fetch: "flask",
        dir: "python/flask",
        ctags_languages: "Python",
        ctags_extra: &[],
        edit_file: "flask/app.py",
    },
    Corpus {
        name: "requests",
        fetch: "requests",
        dir: "python/requests",
        ctags_languages: "Python",
        ctags_extra: &[],
        edit_file: "requests/sessions.py",
    },
    Corpus {
        name: "sympy",
        fetch: "sympy",
        dir: "python/sympy",
        ctags_languages: "Python",
        ctags_extra: &[],
        edit_file: "sympy/core/basic.py",
    },
    Corpus {
        name: "rust",
        fetch: "rust",
        dir: "rust/vendor",
        ctags_languages: "Rust",
        ctags_extra: &[],
        edit_file: "regex/src/regex/string.rs",
    },
    Corpus {
        name: "ts",
        fetch: "ts",
        dir: "ts",
        ctags_languages: "TypeScript",
        ctags_extra: &[],
        edit_file: "rxjs/src/internal/ajax/ajax.ts",
    },
    Corpus {
        name: "js",
        fetch: "js",
        dir: "js",
        ctags_languages: "JavaScript",
        ctags_extra: &[],
        edit_file: "express/lib/router/index.js",
    },
    Corpus {
        name: "linux",
        fetch: "linux",
        dir: "c/linux",
        ctags_languages: "C",
        // ctags reads `.h` as C++ by default; the kernel's headers are C, and codehub
        // reads them as C (its `.h` rule finds no C++ in them).
        ctags_extra: &["--langmap=C:+.h"],
        edit_file: "kernel/fork.c",
    },
    Corpus {
        name: "go",
        fetch: "go",
        dir: "go/go1.19",
        ctags_languages: "Go",
        ctags_extra: &[],
        edit_file: "src/net/http/server.go",
    },
    Corpus {
        name: "jdk",
        fetch: "jdk",
        dir: "java/jdk17",
        ctags_languages: "Java",
        ctags_extra: &[],
        edit_file: "java.base/java/util/ArrayList.java",
    },
    Corpus {
        name: "cpp",
        fetch: "cpp",
        dir: "cpp/rocksdb",
        ctags_languages: "C++",
        ctags_extra: &[],
        edit_file: "db/db_impl/db_impl.cc",
    },
    Corpus {
        name: "csharp",
        fetch: "csharp",
        dir: "csharp/pythonnet",
        ctags_languages: "C#",
        ctags_extra: &[],
        edit_file: "src/runtime/Runtime.cs",
    },
    Corpus {
        name: "ruby",
        fetch: "ruby",
        dir: "ruby/rails",
        ctags_languages: "Ruby",
        ctags_extra: &[],
        edit_file: "activerecord/lib/active_record/base.rb",
    },
    Corpus {
        name: "php",
        fetch: "php",
        dir: "php/laravel",
        ctags_languages: "PHP",
        ctags_extra: &[],
        edit_file: "Illuminate/Database/Eloquent/Model.php",
    },
];

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let mut corpora_dir = PathBuf::from("/tmp/codehub-corpora");
    let mut codehub = default_codehub();
    let mut edits = 20usize;
    // Cold indexes and ctags runs are repeated and the median reported: on a shared
    // 2-core machine one run can be 25% off.
    let mut runs = 3usize;
    let mut names = Vec::new();
    let mut serve_mode = false;
    let mut context_mode = false;
    let mut http_mode = false;
    let mut interrupts = 0usize;
    let mut storms = 0usize;
    let mut pathological_mode = false;
    let mut baseline: Option<PathBuf> = None;
    let mut soak_minutes = None;
    let mut metrics_mode = false;
    let mut scripts_mode = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            // A child run of the bench itself (see floor.rs).
            "--floor" => {
                let mode = args.next().context("--floor parse|extract ROOT")?;
                let root: PathBuf = args.next().context("--floor parse|extract ROOT")?.into();
                return floor::run(&mode, &root);
            }
            "--serve" => serve_mode = true,
            "--context" => context_mode = true,
            "--http" => http_mode = true,
            "--interrupt" => interrupts = args.next().context("--interrupt N")?.parse()?,
            "--storm" => storms = args.next().context("--storm N")?.parse()?,
            "--pathological" => pathological_mode = true,
            "--baseline" => baseline = Some(args.next().context("--baseline BIN")?.into()),
            "--soak" => soak_minutes = Some(args.next().context("--soak MINUTES")?.parse()?),
            "--metrics" => metrics_mode = true,
            "--scripts" => scripts_mode = true,
            "--corpora" => corpora_dir = args.next().context("--corpora DIR")?.into(),
            "--codehub" => codehub = args.next().context("--codehub BIN")?.into(),
            "--edits" => edits = args.next().context("--edits N")?.parse()?,
            "--runs" => runs = args.next().context("--runs N")?.parse::<usize>()?.max(1),
            "-h" | "--help" => {
                println!("usage: codehub-bench [--corpora DIR] [--codehub BIN] [--edits N] [--runs N] [--serve|--context|--http|--interrupt N|--storm N|--pathological [--baseline BIN]|--soak MINUTES|--metrics|--scripts] [django|flask|requests|sympy|rust|ts|js|linux|go|jdk|cpp|csharp|ruby|php ...]");
                return Ok(());
            }
            name => names.push(name.to_owned()),
        }
    }
    if pathological_mode {
        return pathological::run(&codehub, baseline.as_deref(), runs);
    }
    if metrics_mode {
        let name = names.first().map_or("flask", String::as_str);
        return metrics::run(&codehub, &corpora_dir.join("python").join(name));
    }
    if names.is_empty() {
        names = ["django", "sympy", "rust", "ts"].map(String::from).to_vec();
    }
    let script = corpora_script()?;
    if interrupts > 0 || storms > 0 {
        // Issue 17's campaign (lost_edges.rs): sympy for interrupts, Django for storms.
        let (name, dir) =
            if interrupts > 0 { ("sympy", "python/sympy") } else { ("django", "python/django") };
        let status = Command::new("bash").arg(&script).arg(&corpora_dir).arg(name).status()?;
        if !status.success() {
            bail!("corpora.sh {name} failed");
        }
        let corpus = corpora_dir.join(dir);
        if interrupts > 0 {
            lost_edges::interrupt(&codehub, &corpus, interrupts)?;
        }
        if storms > 0 {
            lost_edges::storms(&codehub, &corpora_dir.join("python/django"), storms)?;
        }
        return Ok(());
    }
    if context_mode || http_mode || soak_minutes.is_some() || scripts_mode {
        let status = Command::new("bash").arg(&script).arg(&corpora_dir).arg("django").status()?;
        if !status.success() {
            bail!("corpora.sh django failed");
        }
        let django = corpora_dir.join("python/django");
        if scripts_mode {
            return scripts::run(&django, runs, edits);
        }
        if context_mode {
            return context::run(&django);
        }
        if let Some(minutes) = soak_minutes {
            return soak::run(&codehub, &django, minutes);
        }
        return http::run(
            &codehub,
            &django,
            "django/db/models/query.py",
            "django/db/models/query.py::QuerySet.filter",
        );
    }
    if serve_mode {
        let status = Command::new("bash").arg(&script).arg(&corpora_dir).arg("django").status()?;
        if !status.success() {
            bail!("corpora.sh django failed");
        }
        let root = corpora_dir.join("python/django");
        return serve::run(
            &codehub,
            &root,
            "django/db/models/query.py",
            "django/db/models/query.py::QuerySet.filter",
            edits.max(200),
        );
    }
    println!("codehub: {}   ctags: {}", codehub.display(), ctags_version());
    println!(
        "{:<9} {:<13} {:>7} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8}",
        "corpus", "run", "files", "lines", "nodes", "edges", "wall_s", "cpu_s", "rss_MB"
    );
    let mut per_line = BTreeMap::new();
    for name in &names {
        let corpus = CORPORA
            .iter()
            .find(|c| c.name == name)
            .with_context(|| format!("unknown corpus {name}"))?;
        let status =
            Command::new("bash").arg(&script).arg(&corpora_dir).arg(corpus.fetch).status()?;
        if !status.success() {
            bail!("corpora.sh {} failed", corpus.fetch);
        }
        let root = corpora_dir.join(corpus.dir);
        let lines = count_lines(&root, corpus.ctags_languages);
        let cold_s = bench_corpus(corpus, &root, &codehub, edits, lines, runs)?;
        per_line.insert(corpus.name, cold_s / lines.max(1) as f64 * 1e6);
    }
    if let (Some(d), Some(s)) = (per_line.get("django"), per_line.get("sympy")) {
        println!("cost per line: django {d:.2} µs, sympy {s:.2} µs, sympy/django = {:.2}", s / d);
    }
    if let (Some(g), Some(k)) = (per_line.get("go"), per_line.get("linux")) {
        println!("cost per line: go {g:.2} µs, linux {k:.2} µs, linux/go = {:.2}", k / g);
    }
    Ok(())
}

/// Ids of every function and method in `store`, in id order. (The graph dump lists
/// every node as `node Text("id") Text("kind") ...`, sorted.)
fn callables(store: &store::Store) -> Result<Vec<String>> {
    Ok(store
        .graph_dump()?
        .iter()
        .filter_map(|line| {
            let mut quoted = line.strip_prefix("node ")?.split('"').skip(1).step_by(2);
            let (id, kind) = (quoted.next()?, quoted.next()?);
            matches!(kind, "function" | "method").then(|| id.to_owned())
        })
        .collect())
}

/// The run with the median wall time of `all`, after printing every wall time with
/// the minimum, median and maximum.
fn spread(corpus: &str, label: &str, mut all: Vec<Measured>) -> Measured {
    all.sort_by(|a, b| a.wall_s.total_cmp(&b.wall_s));
    let walls: Vec<String> = all.iter().map(|m| format!("{:.3}", m.wall_s)).collect();
    if all.len() > 1 {
        println!(
            "{corpus:<9} {label} runs (s): {}; min {} median {} max {}",
            walls.join(" "),
            walls[0],
            walls[walls.len() / 2],
            walls[walls.len() - 1]
        );
    }
    let median = all.len() / 2;
    all.swap_remove(median)
}

/// Benchmarks one corpus; returns codehub's cold wall seconds.
fn bench_corpus(
    corpus: &Corpus,
    root: &Path,
    codehub: &Path,
    edits: usize,
    lines: u64,
    runs: usize,
) -> Result<f64> {
    let row = |run: &str, files: u64, nodes: u64, edges: u64, m: &Measured| {
        println!(
            "{:<9} {:<13} {:>7} {:>9} {:>9} {:>9} {:>8.3} {:>8.3} {:>8.1}",
            corpus.name, run, files, lines, nodes, edges, m.wall_s, m.cpu_s, m.max_rss_mb
        );
    };
    let tags = std::env::temp_dir().join(format!("codehub-bench-{}.tags", corpus.name));
    let run_ctags = || {
        measure(
            Command::new("ctags")
                .arg("-R")
                .arg(format!("--languages={}", corpus.ctags_languages))
                .args(corpus.ctags_extra)
                .arg("--fields=+KS")
                .arg("-f")
                .arg(&tags)
                .arg(root),
        )
    };
    let me = std::env::current_exe()?;
    let floor = |mode: &str| measure(Command::new(&me).arg("--floor").arg(mode).arg(root));

    let state = std::env::temp_dir().join(format!("codehub-bench-state-{}", corpus.name));
    let _ = std::fs::remove_dir_all(&state);
    let index = |extra: &[&str]| -> Result<(Measured, serde_json::Value)> {
        let m = measure(
            Command::new(codehub)
                .arg("--json")
                .arg("--state-dir")
                .arg(&state)
                .arg("index")
                .arg(root)
                .args(extra),
        )?;
        let v: serde_json::Value =
            serde_json::from_str(&m.stdout).context("codehub --json output")?;
        Ok((m, v))
    };
    let get = |v: &serde_json::Value, k: &str| v["report"][k].as_u64().unwrap_or(0);

    // ctags, the two floors and codehub's cold index take turns, run after run, so
    // that a noisy moment of the machine falls on all of them alike.
    let (mut ctags_runs, mut parse_runs, mut extract_runs, mut colds) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        ctags_runs.push(run_ctags()?);
        parse_runs.push(floor("parse")?);
        extract_runs.push(floor("extract")?);
        let _ = std::fs::remove_dir_all(&state);
        colds.push(index(&[])?);
    }
    let ctags = spread(corpus.name, "ctags -R", ctags_runs);
    let ctags_kinds = ctags_kinds(&tags)?;
    let ctags_total: u64 = ctags_kinds.values().sum();
    row("ctags -R", 0, ctags_total, 0, &ctags);
    let parse_floor = spread(corpus.name, "parse floor", parse_runs);
    let units = |m: &Measured, k: &str| {
        let words: Vec<&str> = m.stdout.split_whitespace().collect();
        words.windows(2).find(|w| w[0] == k).and_then(|w| w[1].parse::<u64>().ok()).unwrap_or(0)
    };
    row("parse floor", units(&parse_floor, "files"), 0, 0, &parse_floor);
    let extract_floor = spread(corpus.name, "extract floor", extract_runs);
    row(
        "extract floor",
        units(&extract_floor, "files"),
        units(&extract_floor, "units"),
        0,
        &extract_floor,
    );
    colds.sort_by(|a, b| a.0.wall_s.total_cmp(&b.0.wall_s));
    if runs > 1 {
        let walls: Vec<String> = colds.iter().map(|c| format!("{:.3}", c.0.wall_s)).collect();
        println!(
            "{:<9} cold runs (s): {}; min {} median {} max {}",
            corpus.name,
            walls.join(" "),
            walls[0],
            walls[walls.len() / 2],
            walls[walls.len() - 1]
        );
    }
    let (cold, report) = colds.swap_remove(colds.len() / 2);
    row("cold", get(&report, "files"), get(&report, "nodes"), get(&report, "edges"), &cold);
    let (noop, report) = index(&[])?;
    row("no-op", get(&report, "files"), get(&report, "nodes"), get(&report, "edges"), &noop);

    // One changed file: append a function, re-index, measure, restore.
    let edit_path = root.join(corpus.edit_file);
    let original = std::fs::read(&edit_path).with_context(|| edit_path.display().to_string())?;
    let mut in_process_ms = Vec::new();
    let mut last = None;
    let result = (|| -> Result<()> {
        for i in 0..edits {
            let mut edited = original.clone();
            edited.extend_from_slice(edit_snippet(corpus.ctags_languages, i).as_bytes());
            std::fs::write(&edit_path, &edited)?;
            let (m, report) = index(&[])?;
            if get(&report, "parsed") != 1 {
                bail!("one-file edit re-parsed {} files", get(&report, "parsed"));
            }
            in_process_ms.push(report["report"]["seconds"].as_f64().unwrap_or(0.0) * 1e3);
            last = Some((m, report));
        }
        Ok(())
    })();
    std::fs::write(&edit_path, &original)?;
    result?;
    if let Some((m, report)) = last {
        row("one-file", get(&report, "files"), get(&report, "nodes"), get(&report, "edges"), &m);
    }
    in_process_ms.sort_by(|a, b| a.total_cmp(b));
    if !in_process_ms.is_empty() {
        let pct = |p: f64| in_process_ms[((in_process_ms.len() - 1) as f64 * p).round() as usize];
        println!(
            "{:<9} one-file edit to committed, in process (excl. start-up), {} edits: p50 {:.1} ms, p90 {:.1} ms, max {:.1} ms",
            corpus.name,
            in_process_ms.len(),
            pct(0.5),
            pct(0.9),
            in_process_ms[in_process_ms.len() - 1]
        );
    }
    println!(
        "{:<9} ratios: cold/ctags {:.2}x, no-op/ctags {:.2}x, cold/parse floor {:.2}x, cold/extract floor {:.2}x, extract floor/parse floor {:.2}x",
        corpus.name,
        cold.wall_s / ctags.wall_s,
        noop.wall_s / ctags.wall_s,
        cold.wall_s / parse_floor.wall_s,
        cold.wall_s / extract_floor.wall_s,
        extract_floor.wall_s / parse_floor.wall_s,
    );
    // Node counts by kind, codehub (summed over its languages: a corpus of `.h` files
    // can hold C and C++) vs ctags, with the difference in percent of ctags's count.
    let status =
        measure(Command::new(codehub).arg("--json").arg("--state-dir").arg(&state).arg("status"))?;
    let status: serde_json::Value = serde_json::from_str(&status.stdout)?;
    let ours = |k: &str| -> u64 {
        status["index"]["kinds"]
            .as_object()
            .map_or(0, |by_language| by_language.values().filter_map(|v| v[k].as_u64()).sum())
    };
    let theirs = |k: &str| ctags_kinds.get(k).copied().unwrap_or(0);
    let rows: Vec<String> = kind_rows(corpus.ctags_languages)
        .iter()
        .map(|(label, our_kinds, their_kinds)| {
            let (o, t): (u64, u64) = (
                our_kinds.iter().map(|k| ours(k)).sum(),
                their_kinds.iter().map(|k| theirs(k)).sum(),
            );
            let pct = if t == 0 { 0.0 } else { (o as f64 - t as f64) / t as f64 * 100.0 };
            format!("{label} {o} vs {t} ({pct:+.1}%)")
        })
        .collect();
    println!("{:<9} kinds (codehub vs ctags): {}", corpus.name, rows.join(", "));
    let all: Vec<String> = ctags_kinds.iter().map(|(k, n)| format!("{k}={n}")).collect();
    println!("{:<9} ctags kinds: {}", corpus.name, all.join(" "));
    let _ = std::fs::remove_dir_all(&state);
    Ok(cold.wall_s)
}

/// Text appended to the edited file for edit `i`: one new function (a new top-level
/// class in Java and C#, where functions live in classes).
fn edit_snippet(language: &str, i: usize) -> String {
    match language {
        "Python" => format!("\n\ndef _codehub_bench_edit_{i}():\n    return {i}\n"),
        "Rust" => format!("\nfn _codehub_bench_edit_{i}() -> usize {{ {i} }}\n"),
        "C" | "C++" => format!("\nint codehub_bench_edit_{i}(void) {{ return {i}; }}\n"),
        "Go" => format!("\nfunc codehubBenchEdit{i}() int {{ return {i} }}\n"),
        "Java" | "C#" => {
            format!("\nclass CodehubBenchEdit{i} {{ int edit() {{ return {i}; }} }}\n")
        }
        "Ruby" => format!("\ndef codehub_bench_edit_{i}\n  {i}\nend\n"),
        "PHP" => format!("\nfunction codehub_bench_edit_{i}() {{ return {i}; }}\n"),
        _ => format!("\nexport function codehubBenchEdit{i}() {{ return {i}; }}\n"),
    }
}

/// Counts ctags tags by kind name. A tag line is `name<TAB>file<TAB>pattern;"` and then
/// the extension fields, tab-separated: `--fields=+KS` writes the kind's full name
/// first (`function`, `macro`; `kind:function` in some versions) and, for function-like macros, a `signature:` field (counted as
/// `macro()`). The pattern is source text and may hold tabs itself, so the fields are
/// read after its `;"` end. Anonymous tags (names starting `__anon`) are left out.
fn ctags_kinds(tags: &Path) -> Result<BTreeMap<String, u64>> {
    // Tags files of large corpora are not all UTF-8 (comments in other encodings).
    let bytes = std::fs::read(tags).unwrap_or_default();
    let text = String::from_utf8_lossy(&bytes);
    let mut kinds = BTreeMap::new();
    for line in text.lines().filter(|l| !l.starts_with("!_") && !l.starts_with("__anon")) {
        let Some((_, extension)) = line.split_once(";\"\t") else { continue };
        let kind = extension.split('\t').next().unwrap_or_default();
        let kind = kind.strip_prefix("kind:").unwrap_or(kind);
        let kind =
            if kind == "macro" && extension.contains("\tsignature:") { "macro()" } else { kind };
        *kinds.entry(kind.to_owned()).or_insert(0) += 1;
    }
    Ok(kinds)
}

/// Lines in the corpus's files of `language` (by extension).
fn count_lines(root: &Path, language: &str) -> u64 {
    let exts: &[&str] = match language {
        "Python" => &["py", "pyi"],
        "Rust" => &["rs"],
        "TypeScript" => &["ts", "tsx", "mts", "cts"],
        "C" => &["c", "h"],
        "C++" => &["cpp", "cc", "cxx", "c++", "h", "hpp", "hh", "hxx", "h++"],
        "Go" => &["go"],
        "Java" => &["java"],
        "C#" => &["cs"],
        "Ruby" => &["rb", "rake", "gemspec"],
        "PHP" => &["php"],
        _ => &["js", "mjs", "cjs", "jsx"],
    };
    let mut total = 0;
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                stack.push(path);
            } else if ft.is_file()
                && path.extension().and_then(|e| e.to_str()).is_some_and(|e| exts.contains(&e))
            {
                if let Ok(bytes) = std::fs::read(&path) {
                    total += bytes.iter().filter(|&&b| b == b'\n').count() as u64;
                }
            }
        }
    }
    total
}

fn ctags_version() -> String {
    Command::new("ctags")
        .arg("--version")
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.lines().next().map(str::to_owned))
        .unwrap_or_else(|| "not found (apt-get install universal-ctags)".into())
}

/// The `codehub` binary next to this one (both built by `cargo build --release`).
fn default_codehub() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("codehub")))
        .unwrap_or_else(|| PathBuf::from("codehub"))
}

/// The workspace's `scripts/corpora.sh`, which fetches the corpora (from the checkout
/// this binary was built from).
fn corpora_script() -> Result<PathBuf> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/corpora.sh");
    if !script.exists() {
        bail!("cannot find {}: run codehub-bench from its checkout", script.display());
    }
    Ok(script)
}
