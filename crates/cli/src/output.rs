//! Printing: every command's human-readable text and its `--json` document, progress
//! on a terminal, and quiet exits on a closed pipe (like ripgrep).

use anyhow::Result;
use index::IndexReport;
use model::{NodeState, NodeSummary, Reached};
use serde_json::json;
use std::io::{IsTerminal, Write};
use std::path::Path;
use store::Status;

/// Standard output in text or JSON mode.
pub struct Out {
    json: bool,
    stdout: std::io::StdoutLock<'static>,
}

/// True when `err` is a write to a closed pipe (`codehub find x | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Runs `work` with a progress callback that draws a spinner with the number of files
/// handled, when stderr is a terminal; silently otherwise.
pub fn with_progress<T>(work: impl FnOnce(&dyn Fn(u64)) -> T) -> T {
    if !std::io::stderr().is_terminal() {
        return work(&|_| {});
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} indexing: {pos} files [{elapsed}]")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    let result = work(&|n| bar.set_position(n));
    bar.finish_and_clear();
    result
}

impl Out {
    pub fn new(json: bool) -> Out {
        Out { json, stdout: std::io::stdout().lock() }
    }

    fn json(&mut self, value: &impl serde::Serialize) -> Result<()> {
        serde_json::to_writer_pretty(&mut self.stdout, value)?;
        writeln!(self.stdout)?;
        Ok(())
    }

    fn line(&mut self, text: impl std::fmt::Display) -> Result<()> {
        writeln!(self.stdout, "{text}")?;
        Ok(())
    }

    pub fn index_report(&mut self, root: &Path, r: &IndexReport) -> Result<()> {
        if self.json {
            return self.json(&json!({ "root": root, "report": r }));
        }
        const SHOWN: usize = 10;
        for d in r.diagnostics.iter().take(SHOWN) {
            eprintln!("diagnostic: {d}");
        }
        if r.diagnostics.len() > SHOWN {
            eprintln!("... and {} more diagnostics", r.diagnostics.len() - SHOWN);
        }
        for s in r.skipped.iter().take(SHOWN) {
            eprintln!("skipped: {}: {}", s.path, s.reason);
        }
        if r.skipped.len() > SHOWN {
            eprintln!("... and {} more skipped files", r.skipped.len() - SHOWN);
        }
        let how = if r.cold {
            String::from("cold")
        } else {
            format!(
                "{} parsed, {} unchanged, {} removed, {} renamed",
                r.parsed,
                r.unchanged + r.touched,
                r.removed,
                r.renamed.len()
            )
        };
        self.line(format_args!(
            "indexed {} files ({how}): {} nodes, {} edges, {} diagnostics, {} skipped in {:.2} s",
            r.files,
            r.nodes,
            r.edges,
            r.diagnostics.len(),
            r.skipped.len(),
            r.seconds
        ))
    }

    pub fn status(&mut self, db: &Path, s: &Status) -> Result<()> {
        if self.json {
            return self.json(&json!({ "index": db, "status": s }));
        }
        self.line(format_args!("index:      {}", db.display()))?;
        self.line(format_args!("files:      {}", s.files))?;
        for (language, n) in &s.languages {
            self.line(format_args!("  {language:<12}{n}"))?;
        }
        self.line(format_args!("nodes:      {}", s.nodes))?;
        self.line(format_args!("edges:      {} ({} resolved)", s.edges, s.resolved_edges))?;
        self.line(format_args!("diagnostics: {} files", s.files_with_diagnostics))?;
        self.line(format_args!("clock:      {}", s.clock))?;
        self.line(format_args!("schema:     {}", s.schema_version))
    }

    pub fn node(&mut self, n: &NodeState) -> Result<()> {
        if self.json {
            return self.json(n);
        }
        self.line(format_args!("{} {}", n.kind, n.id))?;
        self.line(format_args!(
            "  at {}:{}-{} ({} lines, {})",
            n.path, n.span.start_line, n.span.end_line, n.line_count, n.language
        ))?;
        if let Some(sig) = &n.signature {
            self.line(format_args!("  signature: {sig}"))?;
        }
        if !n.decorators.is_empty() {
            self.line(format_args!("  decorators: {}", n.decorators.join(" ")))?;
        }
        if let Some(doc) = &n.docstring {
            self.line("  docstring:")?;
            for l in doc.lines() {
                self.line(format_args!("    {l}"))?;
            }
            if n.docstring_outdated {
                self.line("    (outdated: the signature changed since it was written)")?;
            }
        }
        if n.kind.is_callable() {
            let hints = if n.has_type_hints { "fully annotated" } else { "not fully annotated" };
            self.line(format_args!("  complexity: {}, {hints}", n.complexity))?;
        }
        if !n.imports.is_empty() {
            self.line(format_args!("  imports: {}", n.imports.join(", ")))?;
        }
        for (label, ends) in [("callers", &n.callers), ("callees", &n.callees)] {
            if ends.is_empty() {
                continue;
            }
            self.line(format_args!("  {label} ({}):", ends.len()))?;
            for e in ends {
                let how = if e.resolved { e.provenance.to_string() } else { "unresolved".into() };
                self.line(format_args!("    {}  (line {}, {how})", e.id, e.line))?;
            }
        }
        if !n.related_tests.is_empty() {
            self.line(format_args!("  tests: {}", n.related_tests.join(", ")))?;
        }
        self.line(format_args!(
            "  version {} ({}, {}, clock {})",
            n.version, n.update_source, n.last_updated, n.clock
        ))?;
        if let Some(old) = &n.renamed_from {
            self.line(format_args!("  renamed from {old}"))?;
        }
        Ok(())
    }

    pub fn summaries(&mut self, nodes: &[NodeSummary]) -> Result<()> {
        if self.json {
            return self.json(&nodes);
        }
        for n in nodes {
            self.summary_line(n, "")?;
        }
        Ok(())
    }

    fn summary_line(&mut self, n: &NodeSummary, prefix: &str) -> Result<()> {
        let sig = n.signature.as_deref().unwrap_or("");
        self.line(format_args!(
            "{prefix}{:<8} {}  [{}:{}]  {sig}",
            n.kind, n.id, n.path, n.start_line
        ))
    }

    pub fn not_found(&mut self, query: &str) -> Result<()> {
        if self.json {
            return self.json(&json!({ "error": { "kind": "not_found", "query": query } }));
        }
        eprintln!("codehub: no node matches {query:?}");
        Ok(())
    }

    pub fn ambiguous(&mut self, query: &str, candidates: &[NodeSummary]) -> Result<()> {
        if self.json {
            return self.json(&json!({
                "error": { "kind": "ambiguous", "query": query, "candidates": candidates }
            }));
        }
        eprintln!("codehub: {query:?} is ambiguous; use one of these ids:");
        for n in candidates {
            self.summary_line(n, "  ")?;
        }
        Ok(())
    }

    pub fn reached(&mut self, start: &str, callers: bool, reached: &[Reached]) -> Result<()> {
        if self.json {
            let key = if callers { "callers" } else { "callees" };
            return self.json(&json!({ "node": start, key: reached }));
        }
        if reached.is_empty() {
            let what = if callers { "callers" } else { "callees" };
            return self.line(format_args!("{start}: no {what}"));
        }
        for r in reached {
            let indent = "  ".repeat(r.depth as usize - 1);
            let how =
                if r.edge.resolved { r.edge.provenance.to_string() } else { "unresolved".into() };
            let site = if callers { &r.edge.id } else { &r.via };
            let (path, _) = model::split_node_id(site);
            self.line(format_args!("{indent}{}  [{path}:{}] ({how})", r.edge.id, r.edge.line))?;
        }
        Ok(())
    }

    pub fn search(&mut self, hits: &[(NodeSummary, f64)]) -> Result<()> {
        if self.json {
            let rows: Vec<_> =
                hits.iter().map(|(n, score)| json!({ "node": n, "score": score })).collect();
            return self.json(&rows);
        }
        for (n, _) in hits {
            self.summary_line(n, "")?;
            if let Some(summary) = &n.summary {
                self.line(format_args!("         {summary}"))?;
            }
        }
        Ok(())
    }
}
