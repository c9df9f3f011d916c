//! Data-driven extraction cases: every source file under `tests/data/<lang>/` is
//! extracted and its dump compared with the `<file>.graph` beside it. A new case is a
//! new file. Run with `UPDATE_EXPECT=1` to (re)write the expectations, then review
//! the diff.

use std::path::{Path, PathBuf};

fn data_dir(lang: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data").join(lang)
}

/// Extracts every case of `lang` and compares it with its expectation; fails listing
/// every mismatching case. Also checks the suite has at least 15 cases.
fn check_language(lang: &str) {
    let dir = data_dir(lang);
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "graph"))
        .collect();
    cases.sort();
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_str().unwrap();
        let source = std::fs::read(case).unwrap();
        let facts = extract::extract(name, &source)
            .unwrap_or_else(|| panic!("{name}: not a language codehub parses"));
        let actual = extract::dump(&facts);
        let expected_path = case.with_file_name(format!("{name}.graph"));
        if update {
            std::fs::write(&expected_path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            failures.push(format!(
                "--- {name}: expected ({})\n{expected}\n--- actual\n{actual}",
                expected_path.display()
            ));
        }
    }
    assert!(cases.len() >= 15, "{lang}: only {} cases, want at least 15", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} {lang} cases differ (UPDATE_EXPECT=1 rewrites them):\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn python_cases() {
    check_language("python");
}

#[test]
fn rust_cases() {
    check_language("rust");
}

#[test]
fn javascript_cases() {
    check_language("javascript");
}

#[test]
fn typescript_cases() {
    check_language("typescript");
}

#[test]
fn c_cases() {
    check_language("c");
}

#[test]
fn go_cases() {
    check_language("go");
}

#[test]
fn java_cases() {
    check_language("java");
}

#[test]
fn cpp_cases() {
    check_language("cpp");
}

#[test]
fn csharp_cases() {
    check_language("csharp");
}

/// Every prefix of every C case (about 400 per file), as an editor saving half-way
/// or a fuzzer truncating would give it, extracts with its invariants kept: the
/// preprocessor and declarator walks must survive any cut.
#[test]
fn c_case_prefixes_keep_the_invariants() {
    check_prefixes("c");
}

/// Every prefix of every Go case keeps the invariants: receivers, type specs and
/// grouped declarations cut anywhere.
#[test]
fn go_case_prefixes_keep_the_invariants() {
    check_prefixes("go");
}

/// Every prefix of every Java case keeps the invariants: modifiers, generics,
/// anonymous class bodies and enum bodies cut anywhere.
#[test]
fn java_case_prefixes_keep_the_invariants() {
    check_prefixes("java");
}

/// Every prefix of every C++ case keeps the invariants: namespaces, class bodies,
/// templates and out-of-line definitions cut anywhere.
#[test]
fn cpp_case_prefixes_keep_the_invariants() {
    check_prefixes("cpp");
}

/// Every prefix of every C# case keeps the invariants: namespaces (file-scoped too),
/// attributes, generics, accessors and local functions cut anywhere.
#[test]
fn csharp_case_prefixes_keep_the_invariants() {
    check_prefixes("csharp");
}

/// Extracts about 400 prefixes of each case of `lang` and checks their invariants.
fn check_prefixes(lang: &str) {
    let dir = data_dir(lang);
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "graph") {
            continue;
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_owned();
        let source = std::fs::read(&path).unwrap();
        let stride = (source.len() / 400).max(1);
        for end in (0..=source.len()).step_by(stride) {
            let facts = extract::extract(&name, &source[..end]).expect("a parsed language");
            let broken = extract::invariant_violations(&facts, end);
            assert!(broken.is_empty(), "{name}[..{end}]: {broken:#?}");
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} prefixes checked");
}

#[test]
fn ruby_cases() {
    check_language("ruby");
}

#[test]
fn php_cases() {
    check_language("php");
}
