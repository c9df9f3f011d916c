//! Times the writer alone: extracts every file under DIR into memory first, then
//! writes them into a fresh store as a cold index does, reporting each phase:
//! `cargo run --release -p index --example write_time -- DIR`.

use std::time::Instant;

fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: write_time DIR"));
    let mut facts = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(bytes) = std::fs::read(&path) {
                let rel = path.strip_prefix(&root).unwrap().to_str().unwrap().to_owned();
                if let Some(f) = extract::extract(&rel, &bytes) {
                    facts.push(f);
                }
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let mut store = store::Store::open(&dir.path().join("index.db")).unwrap();
    let started = Instant::now();
    let mut writer = store.writer(true).unwrap();
    let meta = store::FileMeta::default();
    for f in &facts {
        writer.replace_file(f, meta, model::UpdateSource::ColdStart, None).unwrap();
    }
    let written = started.elapsed();
    writer.link_all().unwrap();
    let linked = started.elapsed();
    writer.commit().unwrap();
    let edges: usize = facts.iter().map(|f| f.edges.len()).sum();
    let nodes: usize = facts.iter().map(|f| f.nodes.len()).sum();
    println!(
        "{} files, {nodes} nodes, {edges} edges: write {written:?}, link {:?}, commit {:?}",
        facts.len(),
        linked - written,
        started.elapsed() - linked
    );
}
