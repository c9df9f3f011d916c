//! Tidy checks of the source tree, run with the tests: every Rust file opens with a
//! `//!` comment saying what it is, and every library crate warns on a public item
//! without docs (`#![warn(missing_docs)]`), which CI's clippy `-D warnings` turns
//! into a failure.

use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" || name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_rust_file_says_what_it_is() {
    let root = workspace();
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("fuzz"), &mut files);
    assert!(files.len() > 50, "found only {} Rust files under {}", files.len(), root.display());
    let missing: Vec<String> = files
        .iter()
        .filter(|f| !std::fs::read_to_string(f).unwrap_or_default().starts_with("//!"))
        .map(|f| f.strip_prefix(&root).unwrap_or(f).display().to_string())
        .collect();
    assert!(missing.is_empty(), "these files do not start with a //! comment: {missing:#?}");
}

#[test]
fn every_library_crate_warns_on_missing_docs() {
    let root = workspace();
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(root.join("crates")).expect("crates/").flatten() {
        let lib = entry.path().join("src/lib.rs");
        let Ok(text) = std::fs::read_to_string(&lib) else { continue };
        if !text.contains("#![warn(missing_docs)]") && !text.contains("#![deny(missing_docs)]") {
            missing.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    missing.sort();
    assert!(missing.is_empty(), "library crates without #![warn(missing_docs)]: {missing:?}");
}
