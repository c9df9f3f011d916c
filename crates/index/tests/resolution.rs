//! The call-resolution ground truth: every case under `tests/data/resolution/<lang>/`
//! is a small multi-file program with an `expected.json` written by hand from the
//! source (see `tests/data/resolution/README.md`). Each case is indexed cold in a
//! temporary copy, its call edges compared with the expectation, and precision and
//! recall printed per language and category. The test fails when a language falls
//! below the floors in `tests/data/resolution/floors.json`, or when indexing the same
//! case incrementally (files added one at a time, in reverse order) gives a different
//! graph than the cold index.
//!
//! Precision = correct resolved edges / resolved edges; recall = correct edges /
//! expected edges, where an expected external call is matched by an unresolved edge
//! with exactly that name. Edges are compared as (caller, callee) pairs: several call
//! sites of one callee in one caller count once.
//!
//! `RESOLUTION_VERBOSE=1` prints every missed and every wrong edge;
//! `RESOLUTION_CASE=substring` runs only the matching cases.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const LANGUAGES: &[&str] =
    &["python", "rust", "typescript", "c", "go", "java", "cpp", "csharp", "ruby", "php"];

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/resolution")
}

/// One expected call: to a node of the case, or to something outside it by name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Callee {
    Node(String),
    External(String),
}

struct Case {
    name: String,
    category: String,
    expected: BTreeSet<(String, Callee)>,
}

/// A call edge as stored.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct CallEdge {
    src: String,
    dst: String,
    resolved: bool,
    provenance: String,
}

#[derive(Clone, Copy, Default)]
struct Tally {
    cases: usize,
    expected: usize,
    predicted: usize,
    correct_resolved: usize,
    found: usize,
    exact: usize,
    inferred: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.cases += other.cases;
        self.expected += other.expected;
        self.predicted += other.predicted;
        self.correct_resolved += other.correct_resolved;
        self.found += other.found;
        self.exact += other.exact;
        self.inferred += other.inferred;
    }

    fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.correct_resolved as f64 / self.predicted as f64
        }
    }

    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.found as f64 / self.expected as f64
        }
    }
}

#[test]
fn call_resolution_meets_the_floors() {
    let floors = read_json(&suite_dir().join("floors.json"));
    let verbose = std::env::var_os("RESOLUTION_VERBOSE").is_some();
    let only = std::env::var("RESOLUTION_CASE").ok();
    let mut failures = Vec::new();
    let mut report = String::new();
    for lang in LANGUAGES {
        let cases = load_cases(lang);
        let mut by_category: BTreeMap<String, Tally> = BTreeMap::new();
        for case in &cases {
            let dir = suite_dir().join(lang).join(&case.name);
            if only.as_deref().is_some_and(|o| !format!("{lang}/{}", case.name).contains(o)) {
                continue;
            }
            let (edges, dump) = index_cold(&dir);
            let incremental = index_incrementally(&dir);
            if incremental != dump {
                let only_cold: Vec<&String> =
                    dump.iter().filter(|l| !incremental.contains(l)).collect();
                let only_incremental: Vec<&String> =
                    incremental.iter().filter(|l| !dump.contains(l)).collect();
                failures.push(format!(
                    "{lang}/{}: incremental index differs from cold\n  cold only: {only_cold:#?}\n  incremental only: {only_incremental:#?}",
                    case.name
                ));
            }
            let tally = score(case, &edges, verbose.then_some(format!("{lang}/{}", case.name)));
            by_category.entry(case.category.clone()).or_default().add(&tally);
        }
        let mut total = Tally::default();
        report.push_str(&format!(
            "\n{lang}\n  {:<12} {:>5} {:>8} {:>9} {:>9} {:>7} {:>8}\n",
            "category", "cases", "expected", "precision", "recall", "exact", "inferred"
        ));
        for (category, tally) in &by_category {
            total.add(tally);
            report.push_str(&row(category, tally));
        }
        report.push_str(&row("all", &total));
        if only.is_some() {
            continue;
        }
        let minimum = if *lang == "python" { 60 } else { 30 };
        if cases.len() < minimum {
            failures.push(format!("{lang}: {} cases, want at least {minimum}", cases.len()));
        }
        let floor = |what: &str| {
            floors.get(lang).and_then(|f| f.get(what)).and_then(Json::as_f64).unwrap_or(0.0)
        };
        if total.precision() + 1e-9 < floor("precision") {
            failures.push(format!(
                "{lang}: precision {:.3} below the floor {:.3}",
                total.precision(),
                floor("precision")
            ));
        }
        if total.recall() + 1e-9 < floor("recall") {
            failures.push(format!(
                "{lang}: recall {:.3} below the floor {:.3}",
                total.recall(),
                floor("recall")
            ));
        }
    }
    println!("{report}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn row(category: &str, t: &Tally) -> String {
    format!(
        "  {:<12} {:>5} {:>8} {:>8.1}% {:>8.1}% {:>7} {:>8}\n",
        category,
        t.cases,
        t.expected,
        t.precision() * 100.0,
        t.recall() * 100.0,
        t.exact,
        t.inferred
    )
}

/// Compares one case's call edges with its expectation.
fn score(case: &Case, edges: &[CallEdge], verbose: Option<String>) -> Tally {
    let mut tally = Tally { cases: 1, expected: case.expected.len(), ..Tally::default() };
    let resolved: BTreeSet<(String, String)> =
        edges.iter().filter(|e| e.resolved).map(|e| (e.src.clone(), e.dst.clone())).collect();
    let unresolved: BTreeSet<(String, String)> =
        edges.iter().filter(|e| !e.resolved).map(|e| (e.src.clone(), e.dst.clone())).collect();
    for e in edges.iter().filter(|e| e.resolved) {
        match e.provenance.as_str() {
            "exact" => tally.exact += 1,
            _ => tally.inferred += 1,
        }
    }
    tally.predicted = resolved.len();
    let mut wrong = Vec::new();
    for (src, dst) in &resolved {
        if case.expected.contains(&(src.clone(), Callee::Node(dst.clone()))) {
            tally.correct_resolved += 1;
        } else {
            wrong.push(format!("{src} -> {dst}"));
        }
    }
    let mut missed = Vec::new();
    for (src, callee) in &case.expected {
        let found = match callee {
            Callee::Node(id) => resolved.contains(&(src.clone(), id.clone())),
            Callee::External(name) => unresolved.contains(&(src.clone(), name.clone())),
        };
        if found {
            tally.found += 1;
        } else {
            missed.push(format!("{src} -> {callee:?}"));
        }
    }
    if let Some(name) = verbose {
        if !wrong.is_empty() || !missed.is_empty() {
            println!("{name} [{}]", case.category);
            for w in &wrong {
                println!("  wrong:  {w}");
            }
            for m in &missed {
                println!("  missed: {m}");
            }
            let others: Vec<String> = unresolved
                .iter()
                .filter(|(s, d)| !case.expected.contains(&(s.clone(), Callee::External(d.clone()))))
                .map(|(s, d)| format!("{s} -> {d:?}"))
                .collect();
            if !missed.is_empty() && !others.is_empty() {
                println!("  (unresolved: {})", others.join(", "));
            }
        }
    }
    tally
}

fn load_cases(lang: &str) -> Vec<Case> {
    let dir = suite_dir().join(lang);
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let path = dir.join(&name).join("expected.json");
            let json = read_json(&path);
            let category = json
                .get("category")
                .and_then(Json::as_str)
                .unwrap_or_else(|| panic!("{}: no category", path.display()))
                .to_owned();
            let mut expected = BTreeSet::new();
            for call in json.get("calls").and_then(Json::as_array).unwrap_or(&[]) {
                let from = call.get("from").and_then(Json::as_str);
                let to = call.get("to").and_then(Json::as_str);
                let external = call.get("external").and_then(Json::as_str);
                let callee = match (to, external) {
                    (Some(id), None) => Callee::Node(id.to_owned()),
                    (None, Some(name)) => Callee::External(name.to_owned()),
                    _ => panic!("{}: a call needs `to` or `external`: {call:?}", path.display()),
                };
                let from = from.unwrap_or_else(|| panic!("{}: no `from`", path.display()));
                expected.insert((from.to_owned(), callee));
            }
            Case { name, category, expected }
        })
        .collect()
}

/// Source files of a case (everything but `expected.json`), root-relative, sorted.
fn case_files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_str().unwrap().replace('\\', "/");
                if rel != "expected.json" {
                    out.push(rel);
                }
            }
        }
    }
    out.sort();
    out
}

fn copy(dir: &Path, rel: &str, root: &Path) {
    let to = root.join(rel);
    fs::create_dir_all(to.parent().unwrap()).unwrap();
    fs::copy(dir.join(rel), to).unwrap();
}

fn run(root: &Path, state: &Path) -> Vec<String> {
    let mut config = index::Config::new(root).unwrap();
    config.state_dir = state.to_owned();
    index::index(&config, &|_| {}).unwrap();
    let store = store::Store::open_read_only(&config.db_path()).unwrap();
    store.graph_dump().unwrap()
}

/// Indexes a copy of the case from scratch; returns its call edges and graph dump.
fn index_cold(dir: &Path) -> (Vec<CallEdge>, Vec<String>) {
    let root = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    for rel in case_files(dir) {
        copy(dir, &rel, root.path());
    }
    let dump = run(root.path(), state.path());
    let edges = dump.iter().filter_map(|line| parse_call_edge(line)).collect();
    (edges, dump)
}

/// Indexes the case one file at a time, last file first, so that most keys are
/// linked by re-linking dependents rather than by the cold pass.
fn index_incrementally(dir: &Path) -> Vec<String> {
    let root = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let mut dump = Vec::new();
    for rel in case_files(dir).iter().rev() {
        copy(dir, rel, root.path());
        dump = run(root.path(), state.path());
    }
    dump
}

/// Parses a `graph_dump` edge line of kind `calls`:
/// `edge Text("src") Text("calls") Text("dst") Integer(1) Text("exact") Integer(3)`.
fn parse_call_edge(line: &str) -> Option<CallEdge> {
    let mut rest = line.strip_prefix("edge ")?;
    let mut fields = Vec::new();
    while !rest.is_empty() {
        rest = rest.trim_start();
        if let Some(text) = rest.strip_prefix("Text(\"") {
            // A Rust-debug-quoted string.
            let mut value = String::new();
            let mut chars = text.char_indices();
            let mut end = text.len();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some((_, 'n')) => value.push('\n'),
                        Some((_, 't')) => value.push('\t'),
                        Some((_, other)) => value.push(other),
                        None => {}
                    },
                    '"' => {
                        end = i + 1;
                        break;
                    }
                    c => value.push(c),
                }
            }
            fields.push(value);
            rest = text[end..].strip_prefix(')')?;
        } else if let Some(number) = rest.strip_prefix("Integer(") {
            let close = number.find(')')?;
            fields.push(number[..close].to_owned());
            rest = &number[close + 1..];
        } else if let Some(after) = rest.strip_prefix("Null") {
            fields.push(String::new());
            rest = after;
        } else {
            return None;
        }
    }
    if fields.len() != 6 || fields[1] != "calls" {
        return None;
    }
    Some(CallEdge {
        src: fields[0].clone(),
        dst: fields[2].clone(),
        resolved: fields[3] == "1",
        provenance: fields[4].clone(),
    })
}

/// Just enough JSON for `expected.json` and `floors.json` (objects, arrays, strings,
/// numbers, booleans, null), so the suite needs no extra dependency.
#[derive(Clone, Debug, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Object(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(*n),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<&[Json]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }
}

fn read_json(path: &Path) -> Json {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut parser = JsonParser { bytes: text.as_bytes(), at: 0 };
    let value = parser.value().unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parser.ws();
    assert_eq!(parser.at, parser.bytes.len(), "{}: trailing text", path.display());
    value
}

struct JsonParser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl JsonParser<'_> {
    fn ws(&mut self) {
        while self.bytes.get(self.at).is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    fn eat(&mut self, b: u8) -> Result<(), String> {
        self.ws();
        if self.bytes.get(self.at) == Some(&b) {
            self.at += 1;
            Ok(())
        } else {
            Err(format!("expected {:?} at byte {}", b as char, self.at))
        }
    }

    fn value(&mut self) -> Result<Json, String> {
        self.ws();
        match self.bytes.get(self.at) {
            Some(b'{') => {
                self.at += 1;
                let mut fields = Vec::new();
                self.ws();
                if self.bytes.get(self.at) == Some(&b'}') {
                    self.at += 1;
                    return Ok(Json::Object(fields));
                }
                loop {
                    self.ws();
                    let key = self.string()?;
                    self.eat(b':')?;
                    fields.push((key, self.value()?));
                    self.ws();
                    match self.bytes.get(self.at) {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(Json::Object(fields));
                        }
                        _ => return Err(format!("expected , or }} at byte {}", self.at)),
                    }
                }
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.ws();
                if self.bytes.get(self.at) == Some(&b']') {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value()?);
                    self.ws();
                    match self.bytes.get(self.at) {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return Err(format!("expected , or ] at byte {}", self.at)),
                    }
                }
            }
            Some(b'"') => Ok(Json::String(self.string()?)),
            Some(b't') if self.bytes[self.at..].starts_with(b"true") => {
                self.at += 4;
                Ok(Json::Bool(true))
            }
            Some(b'f') if self.bytes[self.at..].starts_with(b"false") => {
                self.at += 5;
                Ok(Json::Bool(false))
            }
            Some(b'n') if self.bytes[self.at..].starts_with(b"null") => {
                self.at += 4;
                Ok(Json::Null)
            }
            Some(_) => {
                let start = self.at;
                while self
                    .bytes
                    .get(self.at)
                    .is_some_and(|b| b.is_ascii_digit() || b"+-.eE".contains(b))
                {
                    self.at += 1;
                }
                let text = std::str::from_utf8(&self.bytes[start..self.at]).unwrap();
                text.parse().map(Json::Number).map_err(|_| format!("bad value at byte {start}"))
            }
            None => Err("unexpected end".into()),
        }
    }

    fn string(&mut self) -> Result<String, String> {
        self.eat(b'"')?;
        let mut out = Vec::new();
        loop {
            match self.bytes.get(self.at) {
                None => return Err("unterminated string".into()),
                Some(b'"') => {
                    self.at += 1;
                    return String::from_utf8(out).map_err(|e| e.to_string());
                }
                Some(b'\\') => {
                    let escaped = self.bytes.get(self.at + 1).copied();
                    self.at += 2;
                    match escaped {
                        Some(b'n') => out.push(b'\n'),
                        Some(b't') => out.push(b'\t'),
                        Some(b'u') => {
                            let hex = std::str::from_utf8(&self.bytes[self.at..self.at + 4])
                                .map_err(|e| e.to_string())?;
                            let code = u32::from_str_radix(hex, 16).map_err(|e| e.to_string())?;
                            let c = char::from_u32(code).unwrap_or('\u{fffd}');
                            out.extend_from_slice(c.to_string().as_bytes());
                            self.at += 4;
                        }
                        Some(b) => out.push(b),
                        None => return Err("unterminated escape".into()),
                    }
                }
                Some(&b) => {
                    out.push(b);
                    self.at += 1;
                }
            }
        }
    }
}
