//! Printing: every command's human-readable text (locations as `path:line:`, which
//! editors and terminals jump to; colour on a terminal) and its `--json` document (a
//! method's JSON-RPC result as serialised on the wire; errors as the JSON-RPC error
//! object), progress on a terminal, and quiet exits on a closed pipe (like ripgrep).
//!
//! Colour goes through `anstream`: it is stripped when stdout is not a terminal, when
//! `NO_COLOR` is set or `TERM=dumb`, and forced by `CLICOLOR_FORCE`.

use crate::settings::Settings;
use anstyle::{AnsiColor, Style};
use anyhow::Result;
use index::IndexReport;
use model::NodeSummary;
use serde_json::json;
use server::protocol::{
    possible_note, ErrorKind, HierarchyResult, ImpactResult, IndexedAs, MembersResult, NodeResult,
    NodesPage, PossibleAbout, PossibleEdge, ReferencesResult, RpcError, SearchResult, StatusResult,
    SyncResult, TestsResult, TraverseResult,
};
use std::io::{IsTerminal, Write};
use std::path::Path;

/// A file path in a location.
const PATH: Style = AnsiColor::Magenta.on_default();
/// A line number in a location.
const LINE: Style = AnsiColor::Green.on_default();
/// A node's name.
const NAME: Style = Style::new().bold();
/// A node's kind.
const KIND: Style = AnsiColor::Cyan.on_default();
/// Secondary facts: provenance, paging hints.
const DIM: Style = Style::new().dimmed();
/// An error's first word.
const ERROR: Style = AnsiColor::Red.on_default().bold();

/// Standard output in text or JSON mode.
pub struct Out {
    json: bool,
    stdout: anstream::AutoStream<std::io::StdoutLock<'static>>,
}

/// `path:line:` (coloured), the location prefix of list lines.
fn location(path: &str, line: u32) -> String {
    format!("{PATH}{path}{PATH:#}:{LINE}{line}{LINE:#}:")
}

/// The qualified name of a node id (`path::Q.name` → `Q.name`; a module: its path).
fn qualified(id: &str) -> &str {
    match model::split_node_id(id) {
        (path, "") => path,
        (_, name) => name,
    }
}

/// The JSON-RPC error object an error stands for: the method's own error when it is
/// one, `not_found` when there is no index, else `internal` with the whole chain.
pub fn rpc_error_of(err: &anyhow::Error) -> RpcError {
    if let Some(rpc) = err.chain().find_map(|e| e.downcast_ref::<RpcError>()) {
        return rpc.clone();
    }
    let no_index = err.chain().any(|e| {
        matches!(e.downcast_ref::<store::StoreError>(), Some(store::StoreError::NotIndexed(_)))
            || matches!(
                e.downcast_ref::<index::ConfigError>(),
                Some(index::ConfigError::NoIndex(_))
            )
    });
    let message = format!("{err:#}");
    if no_index {
        server::errors::not_found(message)
    } else {
        server::errors::internal(message)
    }
}

/// Prints `{"error": {code, message, data}}` (the JSON-RPC error object, as REST
/// routes answer it) on stdout: `--json`'s failure document.
pub fn print_error(error: &RpcError) -> Result<()> {
    /// `{"error": ...}` with the error's members in the order the socket sends them.
    #[derive(serde::Serialize)]
    struct Body<'a> {
        error: &'a RpcError,
    }
    let mut stdout = std::io::stdout().lock();
    let mut doc = serde_json::to_vec(&Body { error })?;
    doc.push(b'\n');
    stdout.write_all(&doc)?;
    stdout.flush()?;
    Ok(())
}

/// Prints an error for a person: `codehub: kind: message` on stderr; the candidates of an
/// ambiguous name on stdout, one `path:line: id` line each, to pick from.
pub fn print_error_text(err: &anyhow::Error) -> Result<()> {
    let rpc = err.chain().find_map(|e| e.downcast_ref::<RpcError>());
    let mut stderr = anstream::stderr().lock();
    match rpc {
        Some(rpc) if rpc.kind() == ErrorKind::Ambiguous => {
            writeln!(
                stderr,
                "{ERROR}codehub:{ERROR:#} {}: {}; one of these:",
                rpc.kind(),
                rpc.message
            )?;
            drop(stderr);
            let mut out = Out::new(false);
            for n in &rpc.data.candidates {
                out.summary_line(n, "")?;
            }
            out.stdout.flush()?;
        }
        Some(rpc) => writeln!(stderr, "{ERROR}codehub:{ERROR:#} {}: {}", rpc.kind(), rpc.message)?,
        None => writeln!(stderr, "{ERROR}codehub:{ERROR:#} {err:#}")?,
    }
    Ok(())
}

/// True when `err` is a write to a closed pipe (`codehub find x | head`), also when
/// serde_json made the write (its error hides the io::Error from `source()`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    let pipe = Some(std::io::ErrorKind::BrokenPipe);
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>().map(std::io::Error::kind) == pipe
            || e.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind)
                == pipe
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
    /// Standard output; `json` selects `--json` documents.
    pub fn new(json: bool) -> Out {
        Out { json, stdout: anstream::AutoStream::auto(std::io::stdout().lock()) }
    }

    /// Standard output itself, for text that is printed as it is (a context pack).
    pub fn writer(&mut self) -> &mut impl Write {
        &mut self.stdout
    }

    /// True in `--json` mode.
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Prints a method's result as the wire carries it: compact JSON, one line.
    pub fn result(&mut self, value: &serde_json::Value) -> Result<()> {
        self.json(value)
    }

    fn json(&mut self, value: &impl serde::Serialize) -> Result<()> {
        // Serialised first so a closed pipe surfaces as an io::Error (a quiet exit).
        let mut doc = serde_json::to_vec(value)?;
        doc.push(b'\n');
        self.stdout.write_all(&doc)?;
        Ok(())
    }

    /// On stderr, after a page that is not the last: how to ask for the next one.
    fn more(&self, cursor: Option<&str>) -> Result<()> {
        if let Some(cursor) = cursor {
            let mut stderr = anstream::stderr().lock();
            writeln!(stderr, "{DIM}-- more: --cursor {cursor}{DIM:#}")?;
        }
        Ok(())
    }

    /// `codehub config`: each option's value and where it came from.
    pub fn settings(&mut self, s: &Settings) -> Result<()> {
        let entries = s.entries();
        if self.json {
            let mut settings = serde_json::Map::new();
            for (key, value, origin) in &entries {
                let entry =
                    json!({ "value": value, "source": origin.kind(), "from": origin.name() });
                settings.insert((*key).to_owned(), entry);
            }
            let file = s.file.as_ref().map(|p| p.display().to_string());
            return self.json(&json!({ "root": s.root, "file": file, "settings": settings }));
        }
        self.line(format_args!("root: {}", s.root.display()))?;
        match &s.file {
            Some(file) => self.line(format_args!("file: {}", file.display()))?,
            None => self.line(format_args!(
                "file: none ({} does not exist)",
                s.root.join(crate::settings::FILE_NAME).display()
            ))?,
        }
        for (key, value, origin) in entries {
            let shown = match value {
                serde_json::Value::Null => "(none)".to_owned(),
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            self.line(format_args!("{NAME}{key:<17}{NAME:#} {shown:<24} {DIM}{origin}{DIM:#}"))?;
        }
        Ok(())
    }

    /// `codehub rules`: each rule, its events, the nodes it matches, its action and
    /// whether it runs; `--json`: the same as an array.
    pub fn rules(&mut self, set: &store::rules::RuleSet) -> Result<()> {
        let state = |r: &store::rules::Rule| match (r.required, r.enabled) {
            (true, _) => "always on",
            (false, true) => "on",
            (false, false) => "off",
        };
        let events =
            |r: &store::rules::Rule| r.on.iter().map(|e| e.as_str()).collect::<Vec<_>>().join(",");
        let action = |r: &store::rules::Rule| match &r.script {
            Some(script) => format!("script {script}"),
            None => r.action.as_str().to_owned(),
        };
        if self.json {
            let rules: Vec<serde_json::Value> = set
                .rules()
                .iter()
                .map(|r| {
                    json!({
                        "name": r.name,
                        "on": r.on.iter().map(|e| e.as_str()).collect::<Vec<_>>(),
                        "match": r.matcher.to_string(),
                        "do": r.action.as_str(),
                        "script": r.script,
                        "source": if r.builtin { "builtin" } else { "codehub.toml" },
                        "enabled": r.enabled,
                        "required": r.required,
                    })
                })
                .collect();
            return self.json(&json!({ "rules": rules }));
        }
        for r in set.rules() {
            let source = if r.builtin { "builtin" } else { "codehub.toml" };
            self.line(format_args!(
                "{NAME}{:<20}{NAME:#} {:<10} on {} for {}: {} {DIM}({source}){DIM:#}",
                r.name,
                state(r),
                events(r),
                r.matcher,
                action(r),
            ))?;
        }
        Ok(())
    }

    /// `codehub script try`: what one run of `script` for node `id` did.
    pub fn script_trial(
        &mut self,
        script: &str,
        id: &str,
        trial: &store::scripts::Trial,
    ) -> Result<()> {
        if self.json {
            return self.json(&json!({
                "script": script,
                "node": id,
                "fields": trial.fields,
                "notes": trial.notes,
                "error": trial.failure.as_ref().map(|f| &f.message),
                "limit": trial.failure.as_ref().is_some_and(|f| f.limit),
                "micros": trial.micros,
            }));
        }
        self.line(format_args!("{script} on {id} ({} µs, nothing stored):", trial.micros))?;
        for (field, value) in &trial.fields {
            self.line(format_args!("  {field} = {value}"))?;
        }
        if trial.fields.is_empty() {
            self.line("  (sets no field)")?;
        }
        for note in &trial.notes {
            self.line(format_args!("  note: {note}"))?;
        }
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

    /// `synced at clock N (daemon)`.
    pub fn sync(&mut self, r: &SyncResult) -> Result<()> {
        self.line(format_args!("synced at clock {} ({})", r.clock, source(&r.source)))
    }

    /// The index's counts and the daemon's state, one fact per line.
    pub fn status(&mut self, r: &StatusResult) -> Result<()> {
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
        if !s.scripts.is_empty() {
            self.line("scripts:    (runs, failures, limit hits, time, runs cut off)")?;
            for st in &s.scripts {
                self.line(format_args!(
                    "  {:<12}{} runs, {} failed, {} over a limit, {:.3} s, {} not repeated \
                     (their calls answered as before)",
                    st.script,
                    st.runs,
                    st.failures,
                    st.limit_hits,
                    st.micros as f64 / 1e6,
                    st.skipped
                ))?;
                if let Some(e) = &st.last_error {
                    self.line(format_args!("    last error: {e}"))?;
                }
            }
        }
        self.line(format_args!("schema:     {}", s.schema_version))
    }

    /// Everything stored about a node, its location first.
    pub fn node(&mut self, r: &NodeResult) -> Result<()> {
        let n = &r.node;
        self.line(format_args!(
            "{} {KIND}{}{KIND:#} {NAME}{}{NAME:#}",
            location(&n.path, n.span.start_line),
            n.kind,
            n.id
        ))?;
        self.line(format_args!(
            "  lines {}-{} ({} lines, {})",
            n.span.start_line, n.span.end_line, n.line_count, n.language
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
                // Unresolved or external when not resolved to a node: as stored.
                let how = e.provenance.to_string();
                // A caller's site is in the caller's file; a callee's in this node's.
                let site = if label == "callers" { model::split_node_id(&e.id).0 } else { &n.path };
                self.line(format_args!(
                    "    {} {}  {DIM}({how}){DIM:#}",
                    location(site, e.line),
                    e.id
                ))?;
            }
        }
        if !n.related_tests.is_empty() {
            self.line(format_args!("  tests: {}", n.related_tests.join(", ")))?;
        }
        if !n.fields.is_empty() {
            self.line("  fields (update scripts):")?;
            for (field, value) in &n.fields {
                self.line(format_args!("    {field} = {value}"))?;
            }
        }
        for note in &n.notes {
            self.line(format_args!("  note: {note}"))?;
        }
        self.line(format_args!(
            "  version {} ({}, {}, clock {})",
            n.version, n.update_source, n.last_updated, n.clock
        ))?;
        if let Some(old) = &n.renamed_from {
            self.line(format_args!("  renamed from {old}"))?;
        }
        if let Some(text) = &r.text {
            match (&text.text, &text.unavailable) {
                (Some(source), _) => {
                    self.line("  source:")?;
                    for l in source.lines() {
                        self.line(format_args!("    {l}"))?;
                    }
                }
                (None, why) => self.line(format_args!(
                    "  source not shown: {}",
                    why.as_deref().unwrap_or("unavailable")
                ))?,
            }
        }
        Ok(())
    }

    /// `path:line: Qualified.name  kind  signature` per member, inherited ones marked
    /// with the base that defines them.
    pub fn members(&mut self, r: &MembersResult) -> Result<()> {
        if r.members.is_empty() && r.next_cursor.is_none() {
            return self.line(format_args!("{}: no members", r.node));
        }
        for m in &r.members {
            self.summary_line(&m.node, "")?;
            if let Some(base) = &m.inherited_from {
                self.line(format_args!("    {DIM}(inherited from {}){DIM:#}", qualified(base)))?;
            }
        }
        self.more(r.next_cursor.as_deref())
    }

    /// The bases, then the subtypes, one per line indented by depth:
    /// `path:line: Name  (inherits, exact)`, unresolved bases by name.
    pub fn hierarchy(&mut self, r: &HierarchyResult) -> Result<()> {
        for (label, steps) in [("bases", &r.bases), ("subtypes", &r.subtypes)] {
            if steps.is_empty() {
                continue;
            }
            self.line(format_args!("{label} of {}:", qualified(&r.node)))?;
            for step in steps {
                let indent = "  ".repeat(step.depth as usize);
                let how = if step.edge.resolved {
                    format!("{}, {}", step.relation, step.edge.provenance)
                } else {
                    format!("{}, outside the index", step.relation)
                };
                // A base's site is in the node below it; a subtype's in its own file.
                let site = if label == "bases" { &step.via } else { &step.edge.id };
                let shown =
                    if step.edge.resolved { qualified(&step.edge.id) } else { &step.edge.id };
                self.line(format_args!(
                    "{indent}{} {NAME}{shown}{NAME:#}  {DIM}({how}){DIM:#}",
                    location(model::split_node_id(site).0, step.edge.line),
                ))?;
            }
        }
        if r.bases.is_empty() && r.subtypes.is_empty() {
            self.line(format_args!("{}: no bases or subtypes in the index", r.node))?;
        }
        if r.truncated {
            self.line("(cut at 1000 steps: the hierarchy goes on)")?;
        }
        Ok(())
    }

    /// The files of the diff, the changed nodes, their callers indented by depth, the
    /// possible callers' line, and the tests to run.
    pub fn impact(&mut self, r: &ImpactResult) -> Result<()> {
        if r.files.is_empty() {
            return self.line(format_args!("{}: no changes", r.diff));
        }
        self.line(format_args!("{}: {} files", r.diff, r.files.len()))?;
        for f in &r.files {
            let note = match f.indexed {
                IndexedAs::Current => "",
                IndexedAs::Stale => "  (index behind the file: run `codehub sync`)",
                IndexedAs::NotIndexed => "  (not indexed)",
            };
            let change = format!("{:?}", f.change).to_lowercase();
            self.line(format_args!("  {change} {}{note}", f.path))?;
        }
        self.line(format_args!("changed ({}):", r.changed.len()))?;
        for n in &r.changed {
            self.summary_line(n, "  ")?;
        }
        self.line(format_args!("callers ({}):", r.callers.len()))?;
        for step in &r.callers {
            let indent = "  ".repeat(step.depth as usize);
            self.line(format_args!(
                "{indent}{} {NAME}{}{NAME:#}  {DIM}({}, calls {}){DIM:#}",
                location(model::split_node_id(&step.edge.id).0, step.edge.line),
                qualified(&step.edge.id),
                step.edge.provenance,
                qualified(&step.via),
            ))?;
        }
        if !r.possible.is_empty() {
            self.line("possible callers (unresolved calls by name), best first:")?;
            for e in &r.possible {
                self.line(format_args!(
                    "  {} {}  {DIM}(possible, → {}){DIM:#}",
                    location(model::split_node_id(&e.src).0, e.line),
                    e.name,
                    qualified(&e.dst)
                ))?;
            }
        }
        if r.possible_count > 0 {
            self.line(format_args!(
                "+{} possible call sites by name (unresolved receivers): --possible to list",
                r.possible_count
            ))?;
        }
        self.line(format_args!("tests to run ({}):", r.tests.len()))?;
        for t in &r.tests {
            self.line(format_args!(
                "  {} {NAME}{}{NAME:#}",
                location(&t.path, t.start_line),
                qualified(&t.id)
            ))?;
        }
        if r.truncated {
            self.line("(lists cut at 1000 entries)")?;
        }
        Ok(())
    }

    /// `path:line: User.name  kind  (provenance)` per use.
    pub fn references(&mut self, r: &ReferencesResult) -> Result<()> {
        if r.references.is_empty() && r.next_cursor.is_none() {
            return self.line(format_args!("{}: no references (calls: codehub callers)", r.node));
        }
        for u in &r.references {
            let user = qualified(&u.src);
            self.line(format_args!(
                "{} {NAME}{user}{NAME:#}  {KIND}{}{KIND:#}  {DIM}({}){DIM:#}",
                location(&u.path, u.line),
                u.kind,
                u.provenance
            ))?;
        }
        self.more(r.next_cursor.as_deref())
    }

    /// `path:line: Qualified.name  kind  signature` per node; "no node matches" on
    /// stderr for an empty first page.
    pub fn summaries(&mut self, name: &str, page: &NodesPage) -> Result<()> {
        if page.nodes.is_empty() && page.next_cursor.is_none() {
            let mut stderr = anstream::stderr().lock();
            writeln!(stderr, "{ERROR}codehub:{ERROR:#} no node matches {name:?}")?;
            return Ok(());
        }
        for n in &page.nodes {
            self.summary_line(n, "")?;
        }
        self.more(page.next_cursor.as_deref())
    }

    fn summary_line(&mut self, n: &NodeSummary, prefix: &str) -> Result<()> {
        let sig = n.signature.as_deref().unwrap_or("");
        self.line(format_args!(
            "{prefix}{} {NAME}{}{NAME:#}  {KIND}{}{KIND:#}  {sig}",
            location(&n.path, n.start_line),
            qualified(&n.id),
            n.kind,
        ))
    }

    /// One step per line at its call site, `path:line: name  (provenance)`, indented
    /// by depth after the location: callers by their qualified name (the site is in
    /// their file), callees by id or, unresolved, by the name the code used. Then the
    /// possible edges when listed, and the line that says how many there are (or
    /// that the answer is definite).
    pub fn reached(&mut self, callers: bool, r: &TraverseResult) -> Result<()> {
        self.reached_steps(callers, r)?;
        let about = if callers { PossibleAbout::Callers } else { PossibleAbout::Callees };
        self.possible(about, &r.node, r.possible_count, &r.possible)
    }

    fn reached_steps(&mut self, callers: bool, r: &TraverseResult) -> Result<()> {
        let start = &r.node;
        if r.reached.is_empty() && r.next_cursor.is_none() {
            let what = if callers { "callers" } else { "callees" };
            return self.line(format_args!("{start}: no {what}"));
        }
        for step in &r.reached {
            let indent = "  ".repeat(step.depth.max(1) as usize - 1);
            // Unresolved or external when not resolved to a node: as stored.
            let how = step.edge.provenance.to_string();
            let site = if callers { &step.edge.id } else { &step.via };
            let (path, _) = model::split_node_id(site);
            let name = if callers { qualified(&step.edge.id) } else { &step.edge.id };
            self.line(format_args!(
                "{} {indent}{NAME}{name}{NAME:#}  {DIM}({how}){DIM:#}",
                location(path, step.edge.line),
            ))?;
        }
        self.more(r.next_cursor.as_deref())
    }

    /// One test per line, `path:line: Qualified.name`, with how it reaches the node
    /// unless it calls it exactly (`(inferred)`, `(indirect: 2 edges, via ...)`),
    /// then the possible tests when
    /// listed and the line that says how many there are.
    pub fn tests(&mut self, r: &TestsResult) -> Result<()> {
        if r.tests.is_empty() && r.next_cursor.is_none() {
            self.line(format_args!("{}: no tests", r.node))?;
        } else {
            for (i, t) in r.tests.iter().enumerate() {
                let how = r.reach.get(i).and_then(server::protocol::test_reach_note);
                let how = how.map(|h| format!("  {DIM}({h}){DIM:#}")).unwrap_or_default();
                self.line(format_args!(
                    "{} {NAME}{}{NAME:#}{how}",
                    location(&t.path, t.start_line),
                    qualified(&t.id)
                ))?;
            }
            self.more(r.next_cursor.as_deref())?;
        }
        self.possible(PossibleAbout::Tests, &r.node, r.possible_count, &r.possible)
    }

    /// The possible edges, one per line at their call site, `path:line: Src.name
    /// callee-text  (possible: evidence)` (`→ dst` when it is not the start node),
    /// under a header; then the closing count line.
    fn possible(
        &mut self,
        about: PossibleAbout,
        start: &str,
        count: u64,
        edges: &[PossibleEdge],
    ) -> Result<()> {
        if !edges.is_empty() {
            let header = match about {
                PossibleAbout::Callers => {
                    "possible callers (unresolved calls by name), best first:"
                }
                PossibleAbout::Callees => "calls not resolved (by name), best first:",
                PossibleAbout::Tests => "possible tests (unresolved calls by name), best first:",
            };
            self.line(format_args!("{DIM}{header}{DIM:#}"))?;
        }
        for e in edges {
            let (path, _) = model::split_node_id(&e.src);
            let evidence: Vec<&str> = e.evidence.iter().map(|v| v.as_str()).collect();
            let how = if evidence.is_empty() {
                e.provenance.to_string()
            } else {
                format!("{}: {}", e.provenance, evidence.join(", "))
            };
            let dst = if about == PossibleAbout::Callees || e.dst == start {
                String::new()
            } else {
                format!(" → {}", qualified(&e.dst))
            };
            self.line(format_args!(
                "{} {NAME}{}{NAME:#}  {}{dst}  {DIM}({how}){DIM:#}",
                location(path, e.line),
                qualified(&e.src),
                e.name,
            ))?;
        }
        let note = possible_note(about, start, count, edges.len(), "--possible");
        self.line(format_args!("{DIM}{note}{DIM:#}"))
    }

    /// One hit per line as `find` lists nodes, its docstring summary below it.
    pub fn search(&mut self, r: &SearchResult) -> Result<()> {
        for hit in &r.hits {
            self.summary_line(&hit.node, "")?;
            if let Some(summary) = &hit.node.summary {
                self.line(format_args!("    {DIM}{summary}{DIM:#}"))?;
            }
        }
        self.more(r.next_cursor.as_deref())
    }
}

fn source(s: &server::protocol::Source) -> &'static str {
    match s {
        server::protocol::Source::Daemon => "daemon",
        server::protocol::Source::Store => "index read directly",
    }
}
