//! The fuzz targets' property, run in CI for a bounded time: any bytes, for every
//! language, extract without a panic and keep the facts' invariants
//! (`extract::invariant_violations`). `fuzz/` runs the same property under libFuzzer
//! with coverage guidance (`scripts/fuzz`, nightly); this test needs neither, so CI
//! runs it with the rest of the suite.
//!
//! Inputs are mutations of the repository's own source cases (`tests/data`) and of
//! any libFuzzer corpus kept under `fuzz/corpus/`: byte flips, inserted and deleted
//! runs, duplicated slices, splices of two seeds, truncations, and tokens that open
//! or close syntax. The mutation sequence is deterministic for a seed.
//!
//! Environment: `CODEHUB_FUZZ_SECONDS` (default 4) per language, `CODEHUB_FUZZ_SEED`
//! (default fixed) to explore other sequences. A failing input is written to
//! `target/fuzz-failures/<language>-<seed>-<n>` and can be replayed with
//! `cargo fuzz run extract_<language> FILE`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// xorshift64* (Vigna, "An experimental exploration of Marsaglia's xorshift
/// generators, scrambled", 2016): deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Tokens that open, close or confuse syntax in the languages codehub parses.
const TOKENS: &[&[u8]] = &[
    b"(",
    b")",
    b"[",
    b"]",
    b"{",
    b"}",
    b"\"",
    b"'",
    b"`",
    b"\"\"\"",
    b"/*",
    b"*/",
    b"//",
    b"#",
    b"\\",
    b"\n",
    b"\r\n",
    b"\t",
    b"    ",
    b":",
    b";",
    b",",
    b".",
    b"::",
    b"->",
    b"=>",
    b"=",
    b"<",
    b">",
    b"@",
    b"&",
    b"*",
    b"|| ",
    b"def ",
    b"class ",
    b"fn ",
    b"impl ",
    b"function ",
    b"func ",
    b"struct ",
    b"return ",
    b"import ",
    b"from ",
    b"export ",
    b"async ",
    b"await ",
    b"lambda ",
    b"#define ",
    b"#include ",
    b"typedef ",
    b"package ",
    b"interface ",
    b"type ",
    b"extern ",
    b"self.",
    b"this.",
    b"${",
    b"\xff",
    b"\xc3",
    b"\xe2\x80",
    b"\0",
];

fn mutate(rng: &mut Rng, input: &mut Vec<u8>, seeds: &[Vec<u8>]) {
    for _ in 0..1 + rng.below(8) {
        let len = input.len();
        match rng.below(8) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(len + 1);
                let token = TOKENS[rng.below(TOKENS.len())];
                input.splice(i..i, token.iter().copied());
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let end = (i + 1 + rng.below(64)).min(len);
                input.drain(i..end);
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let end = (i + 1 + rng.below(256)).min(len);
                let slice: Vec<u8> = input[i..end].to_vec();
                let at = rng.below(len + 1);
                for _ in 0..1 + rng.below(4) {
                    input.splice(at..at, slice.iter().copied());
                }
            }
            4 if !seeds.is_empty() => {
                let other = &seeds[rng.below(seeds.len())];
                let from = rng.below(other.len() + 1);
                let to = from + rng.below(other.len() - from + 1);
                let at = rng.below(len + 1);
                input.splice(at..at, other[from..to].iter().copied());
            }
            5 if len > 0 => input.truncate(rng.below(len)),
            6 => {
                let i = rng.below(len + 1);
                let byte = (rng.next() & 0xff) as u8;
                input.insert(i, byte);
            }
            _ => {
                // Nest: wrap a slice in a bracket pair, many times.
                let (open, close) = [(b'(', b')'), (b'[', b']'), (b'{', b'}')][rng.below(3)];
                let depth = 1 + rng.below(64);
                let at = rng.below(len + 1);
                let mut nested = vec![open; depth];
                nested.extend(std::iter::repeat_n(close, depth));
                input.splice(at..at, nested);
            }
        }
    }
    input.truncate(64 * 1024);
}

/// Files up to 64 KiB under `dir` with one of `extensions` (any file when empty).
fn files_under(dir: &Path, extensions: &[&str], out: &mut Vec<Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, extensions, out);
        } else if extensions.is_empty()
            || path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e))
        {
            if let Ok(bytes) = std::fs::read(&path) {
                if bytes.len() <= 64 * 1024 {
                    out.push(bytes);
                }
            }
        }
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn budget() -> Duration {
    let seconds = std::env::var("CODEHUB_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(4.0);
    Duration::from_secs_f64(seconds)
}

/// Runs the property for `language` (as the fuzz target `extract_<language>` does,
/// on the file name `file`) for the time budget; fails on the first panic or broken
/// invariant, keeping the input.
fn fuzz(language: &str, file: &str, extensions: &[&str]) {
    let root = repo();
    let mut seeds = Vec::new();
    files_under(&root.join("tests/data"), extensions, &mut seeds);
    // libFuzzer names corpus entries by hash, without an extension: all of them.
    files_under(&root.join(format!("fuzz/corpus/extract_{language}")), &[], &mut seeds);
    assert!(!seeds.is_empty(), "no {language} seeds under tests/data");
    let seed: u64 = std::env::var("CODEHUB_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let mut rng = Rng(seed | 1);
    let started = Instant::now();
    let mut runs = 0u64;
    // Every seed unchanged first, then mutations until the budget is spent.
    while runs < seeds.len() as u64 || started.elapsed() < budget() {
        let mut input = seeds[(runs as usize) % seeds.len()].clone();
        if runs >= seeds.len() as u64 {
            mutate(&mut rng, &mut input, &seeds);
        }
        let outcome = std::panic::catch_unwind(|| {
            let facts = extract::extract(file, &input).expect("a language codehub parses");
            extract::invariant_violations(&facts, input.len())
        });
        let failure = match outcome {
            Ok(broken) if broken.is_empty() => None,
            Ok(broken) => Some(format!("broken invariants: {broken:#?}")),
            Err(_) => Some("panicked (message above)".to_owned()),
        };
        if let Some(failure) = failure {
            let dir = root.join("target/fuzz-failures");
            let _ = std::fs::create_dir_all(&dir);
            let kept = dir.join(format!("{language}-{seed}-{runs}"));
            let _ = std::fs::write(&kept, &input);
            panic!("{language}: input {runs} (seed {seed}) {failure}; kept at {}", kept.display());
        }
        runs += 1;
    }
    eprintln!("{language}: {runs} inputs in {:.1} s, no failure", started.elapsed().as_secs_f64());
}

#[test]
fn python_survives_mutated_input() {
    fuzz("python", "src/pkg/fuzzed.py", &["py"]);
}

#[test]
fn rust_survives_mutated_input() {
    fuzz("rust", "src/fuzzed.rs", &["rs"]);
}

#[test]
fn javascript_survives_mutated_input() {
    fuzz("javascript", "src/fuzzed.test.js", &["js", "jsx", "cjs"]);
}

#[test]
fn typescript_survives_mutated_input() {
    fuzz("typescript", "src/fuzzed.ts", &["ts"]);
}

#[test]
fn tsx_survives_mutated_input() {
    fuzz("tsx", "src/fuzzed.tsx", &["tsx", "ts"]);
}

#[test]
fn c_survives_mutated_input() {
    fuzz("c", "src/fuzzed.c", &["c", "h"]);
}

#[test]
fn go_survives_mutated_input() {
    fuzz("go", "pkg/fuzzed.go", &["go"]);
}

/// Found by `rust_survives_mutated_input`: an unterminated `mod tests {` ran to the
/// end of the file, after its last newline, and its span ended on a line the file
/// does not have. Every language closes such syntax on the file's last line.
#[test]
fn a_block_left_open_at_the_end_of_the_file_ends_on_its_last_line() {
    let cases: &[(&str, &str)] = &[
        ("src/a.rs", "fn f() {}\n\nmod tests {\n    fn g() {}\n"),
        ("src/a.rs", "mod tests {\n    fn g() {}\n}\n\n/// A doc comment with no item after it.\n"),
        ("src/a.rs", "mod tests {\n    fn g() {}\n\n/// A doc comment with no item after it.\n"),
        ("src/a.rs", "mod tests {\n    const A: u32 = 4;\n\n// A comment.\n"),
        ("src/a.rs", "impl S {\n    fn g(&self) {\n"),
        ("src/a.ts", "class A {\n  m() {\n    f();\n"),
        ("src/a.js", "function f() {\n  g();\n"),
        ("src/a.c", "int f(void) {\n  return g();\n"),
        ("pkg/a.go", "package a\n\nfunc F() {\n\tg()\n"),
        ("src/a.py", "class A:\n    def m(self):\n        f(\n"),
    ];
    for (path, source) in cases {
        let facts = extract::extract(path, source.as_bytes()).expect("a language");
        let broken = extract::invariant_violations(&facts, source.len());
        assert!(broken.is_empty(), "{path} {source:?}: {broken:#?}");
        let lines = source.lines().count() as u32;
        for node in &facts.nodes {
            assert!(
                node.span.end_line <= lines,
                "{path}: {} ends on line {}",
                node.id,
                node.span.end_line
            );
        }
    }
}

/// Found by the TypeScript and JavaScript runs: a definition whose broken syntax
/// gives it an empty name took the file module's id (`declare module (1)`), and a
/// name that looks like a duplicate suffix could take a later duplicate's id.
#[test]
fn nameless_and_suffix_like_names_keep_ids_unique() {
    let cases: &[(&str, &str)] = &[
        ("src/a.ts", "declare module (1);\nnamespace A {}\n"),
        ("src/a.ts", "declare module \"\" {\n  function f(): void;\n}\n"),
        ("src/a.test.js", "describe(\"x#2\", () => {});\ndescribe(\"x\", () => {});\ndescribe(\"x\", () => {});\n"),
        ("src/a.py", "def x():\n    pass\n\ndef x():\n    pass\n\ndef x():\n    pass\n"),
    ];
    for (path, source) in cases {
        let facts = extract::extract(path, source.as_bytes()).expect("a language");
        let broken = extract::invariant_violations(&facts, source.len());
        assert!(broken.is_empty(), "{path} {source:?}: {broken:#?}");
    }
}

#[test]
fn java_survives_mutated_input() {
    fuzz("java", "src/main/java/a/Fuzzed.java", &["java"]);
}

#[test]
fn csharp_survives_mutated_input() {
    fuzz("csharp", "src/App/Fuzzed.cs", &["cs"]);
}

#[test]
fn ruby_survives_mutated_input() {
    fuzz("ruby", "spec/fuzzed_spec.rb", &["rb", "rake"]);
}

#[test]
fn php_survives_mutated_input() {
    fuzz("php", "tests/FuzzedTest.php", &["php", "phtml"]);
}

#[test]
fn cpp_survives_mutated_input() {
    fuzz("cpp", "src/fuzzed.cpp", &["cpp", "cc", "hpp", "h"]);
}
