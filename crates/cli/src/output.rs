//! Printing: every command's human-readable text and its `--json` document, progress
//! on a terminal, and quiet exits on a closed pipe (like ripgrep).

use anyhow::Result;
use index::IndexReport;
use model::NodeSummary;
use serde_json::json;
use server::protocol::{
    NodeResult, NodesPage, SearchResult, StatusResult, SyncResult, TestsResult, TraverseResult,
};
use std::io::{IsTerminal, Write};
use std::path::Path;

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

    pub fn message(&mut self, text: &str) -> Result<()> {
        if self.json {
            return self.json(&json!({ "message": text }));
        }
        self.line(text)
    }

    pub fn sync(&mut self, r: &SyncResult) -> Result<()> {
        if self.json {
            return self.json(r);
        }
        self.line(format_args!("synced at clock {} ({})", r.clock, source(&r.source)))
    }

    pub fn status(&mut self, r: &StatusResult) -> Result<()> {
        if self.json {
            return self.json(r);
        }
        let s = &r.index;
        match &r.daemon {
            Some(d) => {
                self.line(format_args!(
                    "daemon:     running, pid {}, up {:.0} s, watching with {}",
                    d.pid, d.uptime_s, d.watch_mode
                ))?;
                self.line(format_args!("queue:      {} pending", d.queue_depth))?;
                self.line(format_args!(
                    "changes:    {} applied, {} rescans",
                    d.changes_applied, d.rescans
                ))?;
                if let Some(p) = &d.indexing {
                    self.line(format_args!(
                        "indexing:   first index running, {} files so far ({:.0} s)",
                        p.files_done, p.elapsed_s
                    ))?;
                }
                if let Some(e) = &d.last_error {
                    self.line(format_args!("last error: {e}"))?;
                }
                if !d.metrics.is_empty() {
                    self.line("metrics:    (as served at /metrics; histograms in seconds)")?;
                    for (series, value) in &d.metrics {
                        self.line(format_args!("  {series} {value}"))?;
                    }
                }
            }
            None => self.line("daemon:     not running (index read directly)")?,
        }
        self.line(format_args!("files:      {}", s.files))?;
        for (language, n) in &s.languages {
            self.line(format_args!("  {language:<12}{n}"))?;
        }
        self.line(format_args!("nodes:      {}", s.nodes))?;
        self.line(format_args!("edges:      {} ({} resolved)", s.edges, s.resolved_edges))?;
        self.line(format_args!("diagnostics: {} files", s.files_with_diagnostics))?;
        self.line(format_args!("clock:      {}", r.clock))?;
        self.line(format_args!("schema:     {}", s.schema_version))
    }

    pub fn node(&mut self, r: &NodeResult) -> Result<()> {
        if self.json {
            return self.json(r);
        }
        let n = &r.node;
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

    pub fn summaries(&mut self, page: &NodesPage) -> Result<()> {
        if self.json {
            return self.json(page);
        }
        for n in &page.nodes {
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

    pub fn reached(&mut self, callers: bool, r: &TraverseResult) -> Result<()> {
        if self.json {
            return self.json(r);
        }
        let start = &r.node;
        if r.reached.is_empty() {
            let what = if callers { "callers" } else { "callees" };
            return self.line(format_args!("{start}: no {what}"));
        }
        for step in &r.reached {
            let indent = "  ".repeat(step.depth.max(1) as usize - 1);
            let how = if step.edge.resolved {
                step.edge.provenance.to_string()
            } else {
                "unresolved".into()
            };
            let site = if callers { &step.edge.id } else { &step.via };
            let (path, _) = model::split_node_id(site);
            self.line(format_args!(
                "{indent}{}  [{path}:{}] ({how})",
                step.edge.id, step.edge.line
            ))?;
        }
        Ok(())
    }

    /// One test per line, `id  [path:line]`; `--json`: the `graph.tests` result.
    pub fn tests(&mut self, r: &TestsResult) -> Result<()> {
        if self.json {
            return self.json(r);
        }
        if r.tests.is_empty() {
            return self.line(format_args!("{}: no tests", r.node));
        }
        for t in &r.tests {
            self.line(format_args!("{}  [{}:{}]", t.id, t.path, t.start_line))?;
        }
        Ok(())
    }

    pub fn search(&mut self, r: &SearchResult) -> Result<()> {
        if self.json {
            return self.json(r);
        }
        for hit in &r.hits {
            self.summary_line(&hit.node, "")?;
            if let Some(summary) = &hit.node.summary {
                self.line(format_args!("         {summary}"))?;
            }
        }
        Ok(())
    }
}

fn source(s: &server::protocol::Source) -> &'static str {
    match s {
        server::protocol::Source::Daemon => "daemon",
        server::protocol::Source::Store => "index read directly",
    }
}
