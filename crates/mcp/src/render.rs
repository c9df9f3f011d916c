//! Agent-friendly text for each tool's answer: signatures and `path:line`
//! locations, one node per line or two, never a JSON dump (the JSON goes into the
//! result's structured content).

use crate::daemon::Coverage;
use model::{split_node_id, Provenance};
use protocol::{
    possible_note, ChangeKind, ChangesResult, ContextResult, EdgeEnd, HierarchyResult,
    ImpactResult, IndexedAs, MembersResult, NodeResult, NodeSummary, NodesPage, PossibleAbout,
    PossibleEdge, Reached, ReferencesResult, RpcError, SearchResult, StatusResult, SyncResult,
    TestsResult, TraverseResult,
};
use std::fmt::Write;

/// The note put before answers given while the daemon's first index runs.
pub fn indexing_note(c: &Coverage) -> String {
    format!(
        "Note: codehub is still building its first index ({} files examined and {} in the \
         graph so far, {:.0} s in): this answer may miss files and call edges. Call `status` \
         to follow progress, or `sync` to wait for it.\n\n",
        c.progress.files_done, c.files_in_graph, c.progress.elapsed_s
    )
}

/// `- function pkg/a.py::f  [pkg/a.py:3-9]` then the signature and docstring summary,
/// indented.
fn summary(out: &mut String, n: &NodeSummary) {
    let _ = writeln!(out, "- {} {}  [{}:{}-{}]", n.kind, n.id, n.path, n.start_line, n.end_line);
    if let Some(sig) = &n.signature {
        let _ = writeln!(out, "    {}", sig.trim());
    }
    if let Some(doc) = &n.summary {
        let _ = writeln!(out, "    \"{}\"", doc.trim());
    }
}

fn more(out: &mut String, next: &Option<String>) {
    if let Some(cursor) = next {
        let _ = writeln!(out, "More results: call again with cursor = \"{cursor}\".");
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `find_symbol`: the matching nodes.
pub fn find(name: &str, page: &NodesPage) -> String {
    find_as(name, None, page)
}

/// `find_symbol` with `where`: the nodes whose custom fields satisfy `condition`.
pub fn find_where(name: &str, condition: &str, page: &NodesPage) -> String {
    find_as(name, Some(condition), page)
}

fn find_as(name: &str, condition: Option<&str>, page: &NodesPage) -> String {
    let mut out = String::new();
    let count = plural(page.nodes.len(), "node", "nodes");
    let (empty, header) = match condition {
        Some(condition) => {
            let named = if name.is_empty() { String::new() } else { format!(" named \"{name}\"") };
            (
                format!(
                    "No node{named} has custom fields where {condition} (fields are set by \
                     the project's update scripts; `get_node` shows a node's)."
                ),
                format!("{count}{named} where {condition}:"),
            )
        }
        None => (
            format!(
                "No node is named \"{name}\" (nor starts with it). Try `search` with words \
                 from its name or docstring."
            ),
            format!("{count} matching \"{name}\":"),
        ),
    };
    if page.nodes.is_empty() {
        let _ = writeln!(out, "{empty}");
        return out;
    }
    let _ = writeln!(out, "{header}");
    for n in &page.nodes {
        summary(&mut out, n);
    }
    more(&mut out, &page.next_cursor);
    out
}

fn how(e: &EdgeEnd) -> String {
    match (e.resolved, e.provenance) {
        (true, p) => p.to_string(),
        (false, Provenance::External) => "external: outside the root, by qualified name".into(),
        (false, _) => "unresolved: kept by name".into(),
    }
}

/// `get_node`: a node's state, with its callers, callees and tests as ids.
pub fn node(r: &NodeResult) -> String {
    let n = &r.node;
    let mut out = String::new();
    let _ = writeln!(out, "{} {}", n.kind, n.id);
    let _ = writeln!(
        out,
        "at {}:{}-{} ({} lines, {})",
        n.path, n.span.start_line, n.span.end_line, n.line_count, n.language
    );
    if let Some(parent) = &n.parent {
        let _ = writeln!(out, "in {parent}");
    }
    if !n.decorators.is_empty() {
        let _ = writeln!(out, "decorators: {}", n.decorators.join(" "));
    }
    if let Some(sig) = &n.signature {
        let _ = writeln!(out, "signature: {}", sig.trim());
    }
    if let Some(doc) = &n.docstring {
        let _ = writeln!(out, "docstring:");
        for line in doc.lines() {
            let _ = writeln!(out, "    {line}");
        }
        if n.docstring_outdated {
            let _ = writeln!(out, "    (outdated: the signature changed since it was written)");
        }
    }
    if n.kind.is_callable() {
        let hints = if n.has_type_hints { "fully annotated" } else { "not fully annotated" };
        let _ = writeln!(out, "complexity: {}, {hints}", n.complexity);
    }
    if !n.imports.is_empty() {
        let _ = writeln!(out, "imports: {}", n.imports.join(", "));
    }
    let (path, _) = split_node_id(&n.id);
    let _ = writeln!(out, "callers ({}):", n.callers.len());
    for e in &n.callers {
        let (site, _) = split_node_id(&e.id);
        let _ = writeln!(out, "- {}  [{site}:{}] ({})", e.id, e.line, how(e));
    }
    let _ = writeln!(out, "callees ({}):", n.callees.len());
    for e in &n.callees {
        let _ = writeln!(out, "- {}  [called at {path}:{}] ({})", e.id, e.line, how(e));
    }
    let _ = writeln!(out, "tests ({}):", n.related_tests.len());
    for t in &n.related_tests {
        let _ = writeln!(out, "- {t}");
    }
    if !n.fields.is_empty() {
        let _ = writeln!(out, "fields (computed by update scripts):");
        for (field, value) in &n.fields {
            let _ = writeln!(out, "- {field} = {value}");
        }
    }
    for note in &n.notes {
        let _ = writeln!(out, "note: {note}");
    }
    let _ = writeln!(out, "version {} ({}, {})", n.version, n.update_source, n.last_updated);
    if let Some(old) = &n.renamed_from {
        let _ = writeln!(out, "renamed from {old}");
    }
    if let Some(text) = &r.text {
        match (&text.text, &text.unavailable) {
            (Some(source), _) => {
                let fence = if source.contains("```") { "````" } else { "```" };
                let _ = writeln!(out, "source:\n{fence}\n{}\n{fence}", source.trim_end());
            }
            (None, why) => {
                let why = why.as_deref().unwrap_or("unavailable");
                let _ = writeln!(out, "source not shown: {why}");
            }
        }
    }
    out
}

/// `members`: own members in source order, then inherited ones with their base.
pub fn members(r: &MembersResult) -> String {
    let mut out = String::new();
    if r.members.is_empty() {
        let _ = writeln!(out, "{}: no members.", r.node);
        return out;
    }
    let _ = writeln!(out, "{} of {}:", plural(r.members.len(), "member", "members"), r.node);
    for m in &r.members {
        summary(&mut out, &m.node);
        if let Some(base) = &m.inherited_from {
            let _ = writeln!(out, "    (inherited from {base})");
        }
    }
    more(&mut out, &r.next_cursor);
    out
}

/// `hierarchy`: bases, then subclasses and implementations, indented by depth.
pub fn hierarchy(r: &HierarchyResult) -> String {
    let mut out = String::new();
    for (label, steps) in [("bases", &r.bases), ("subclasses and implementations", &r.subtypes)] {
        if steps.is_empty() {
            let _ = writeln!(out, "{label}: none in the index");
            continue;
        }
        let _ = writeln!(out, "{label}:");
        for step in steps {
            let indent = "  ".repeat(step.depth as usize - 1);
            let how = if step.edge.resolved {
                format!("{}, {}", step.relation, step.edge.provenance)
            } else {
                format!("{}, outside the index: kept by name", step.relation)
            };
            let _ = writeln!(out, "{indent}- {} ({how})", step.edge.id);
        }
    }
    if r.truncated {
        let _ = writeln!(out, "(cut at 1000 steps: the hierarchy goes on)");
    }
    out
}

/// `impact`: the diff's files, the changed nodes, their callers and the tests to run.
pub fn impact(r: &ImpactResult) -> String {
    let mut out = String::new();
    if r.files.is_empty() {
        let _ = writeln!(out, "{}: no changes.", r.diff);
        return out;
    }
    let _ = writeln!(out, "{}: {}", r.diff, plural(r.files.len(), "file", "files"));
    for f in &r.files {
        let note = match f.indexed {
            IndexedAs::Current => "",
            IndexedAs::Stale => " (the index is behind this file: call `sync` and ask again)",
            IndexedAs::NotIndexed => " (not indexed)",
        };
        let _ = writeln!(out, "- {:?} {}{note}", f.change, f.path);
    }
    let _ = writeln!(out, "changed nodes ({}):", r.changed.len());
    for n in &r.changed {
        summary(&mut out, n);
    }
    let _ = writeln!(out, "callers ({}):", r.callers.len());
    for step in &r.callers {
        let indent = "  ".repeat(step.depth as usize - 1);
        let (site, _) = split_node_id(&step.edge.id);
        let _ = writeln!(
            out,
            "{indent}- {}  [{site}:{}] ({}, calls {})",
            step.edge.id, step.edge.line, step.edge.provenance, step.via
        );
    }
    for e in &r.possible {
        let (site, _) = split_node_id(&e.src);
        let _ =
            writeln!(out, "- possible: {} in {}  [{site}:{}] → {}", e.name, e.src, e.line, e.dst);
    }
    if r.possible_count > 0 {
        let _ = writeln!(
            out,
            "+{} possible call sites by name (unresolved receivers): `possible: true` to list.",
            r.possible_count
        );
    }
    let _ = writeln!(out, "tests to run ({}):", r.tests.len());
    for t in &r.tests {
        summary(&mut out, t);
    }
    if r.truncated {
        let _ = writeln!(out, "(lists cut at 1000 entries)");
    }
    out
}

/// `references`: each non-call use at its `path:line`, with how it uses the node.
pub fn references(r: &ReferencesResult) -> String {
    let mut out = String::new();
    if r.references.is_empty() {
        let _ = writeln!(out, "{}: no non-call uses (its calls are in `callers`).", r.node);
        return out;
    }
    let _ = writeln!(out, "{} of {}:", plural(r.references.len(), "use", "uses"), r.node);
    for u in &r.references {
        let _ =
            writeln!(out, "- {} in {}  [{}:{}] ({})", u.kind, u.src, u.path, u.line, u.provenance);
    }
    more(&mut out, &r.next_cursor);
    out
}

/// `callers` / `callees`: the traversal, one reached node per line, indented by depth;
/// each with the call site's `path:line`. Then the possible edges when listed, and
/// the line that says how many there are or that the answer is definite.
pub fn reached(callers: bool, depth: u32, r: &TraverseResult) -> String {
    let mut out = String::new();
    let what = if callers { "caller" } else { "callee" };
    if r.reached.is_empty() && r.next_cursor.is_none() {
        let _ = writeln!(out, "{}: no {what}s found.", r.node);
    } else {
        let scope = if depth > 1 { format!(" (up to {depth} levels)") } else { String::new() };
        let whats = format!("{what}s");
        let _ = writeln!(out, "{}{scope} of {}:", plural(r.reached.len(), what, &whats), r.node);
        for step in &r.reached {
            let _ = writeln!(out, "{}", step_line(callers, step));
        }
        more(&mut out, &r.next_cursor);
    }
    let about = if callers { PossibleAbout::Callers } else { PossibleAbout::Callees };
    possible(&mut out, about, &r.node, r.possible_count, &r.possible);
    out
}

/// The possible edges (each `- src  [calls `text` at path:line] (possible:
/// evidence)`), then the closing count line.
fn possible(
    out: &mut String,
    about: PossibleAbout,
    start: &str,
    count: u64,
    edges: &[PossibleEdge],
) {
    if !edges.is_empty() {
        let header = match about {
            PossibleAbout::Callers => {
                "Possible callers (unresolved calls by name, not edges), best first:"
            }
            PossibleAbout::Callees => "Calls that could not be resolved (by name), best first:",
            PossibleAbout::Tests => {
                "Possible tests (unresolved calls by name, not edges), best first:"
            }
        };
        let _ = writeln!(out, "{header}");
    }
    for e in edges {
        let (path, _) = split_node_id(&e.src);
        let evidence: Vec<&str> = e.evidence.iter().map(|v| v.as_str()).collect();
        let how = if evidence.is_empty() {
            format!("{}: name only", e.provenance)
        } else {
            format!("{}: {}", e.provenance, evidence.join(", "))
        };
        let dst = if about == PossibleAbout::Callees || e.dst == start {
            String::new()
        } else {
            format!(" -> {}", e.dst)
        };
        let _ =
            writeln!(out, "- {}  [calls `{}`{dst} at {path}:{}] ({how})", e.src, e.name, e.line);
    }
    let _ = writeln!(out, "{}", possible_note(about, start, count, edges.len(), "possible: true"));
}

fn step_line(callers: bool, step: &Reached) -> String {
    let indent = "  ".repeat(step.depth.max(1) as usize - 1);
    // The call site is in the caller's file: the reached node for callers, the node
    // it was reached from for callees.
    let site = if callers { &step.edge.id } else { &step.via };
    let (path, _) = split_node_id(site);
    let at = if callers { "calls at" } else { "called at" };
    format!("{indent}- {}  [{at} {path}:{}] ({})", step.edge.id, step.edge.line, how(&step.edge))
}

/// `related_tests`: the tests that exercise a node.
pub fn tests(r: &TestsResult) -> String {
    let mut out = String::new();
    if r.tests.is_empty() {
        let _ = writeln!(
            out,
            "{}: no tests exercise it (directly, through helpers, or over paths of up to {} edges).",
            r.node,
            protocol::MAX_TEST_DEPTH
        );
    } else {
        let _ = writeln!(out, "{} exercising {}:", plural(r.tests.len(), "test", "tests"), r.node);
        for (i, t) in r.tests.iter().enumerate() {
            summary(&mut out, t);
            if let Some(how) = r.reach.get(i).and_then(protocol::test_reach_note) {
                let _ = writeln!(out, "    reaches it: {how}");
            }
        }
        more(&mut out, &r.next_cursor);
    }
    possible(&mut out, PossibleAbout::Tests, &r.node, r.possible_count, &r.possible);
    out
}

/// `search`: hits, best first.
pub fn search(query: &str, r: &SearchResult) -> String {
    let mut out = String::new();
    if r.hits.is_empty() {
        let _ = writeln!(out, "Nothing matches \"{query}\".");
        return out;
    }
    let _ = writeln!(out, "{} for \"{query}\", best first:", plural(r.hits.len(), "hit", "hits"));
    for hit in &r.hits {
        summary(&mut out, &hit.node);
    }
    more(&mut out, &r.next_cursor);
    out
}

/// `context_pack`: the pack's text, then what it holds and what did not fit.
pub fn context(r: &ContextResult) -> String {
    let mut out = r.text.clone();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    let encoding = serde_json::to_value(r.encoding)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "\n---\n{} of {} tokens ({encoding}); {} included",
        r.tokens,
        r.budget,
        plural(r.included.len(), "node", "nodes")
    );
    if !r.omitted.is_empty() {
        let ids: Vec<&str> = r.omitted.iter().take(20).map(|i| i.id.as_str()).collect();
        let rest = r.omitted.len().saturating_sub(ids.len());
        let _ =
            write!(out, "left out for lack of budget ({}): {}", r.omitted.len(), ids.join(", "));
        if rest > 0 {
            let _ = write!(out, " and {rest} more");
        }
        out.push('\n');
    }
    if !r.unchanged.is_empty() {
        let _ = writeln!(
            out,
            "already sent in session {} and unchanged: {}",
            r.session.as_deref().unwrap_or("?"),
            r.unchanged.join(", ")
        );
    }
    out
}

/// `changes_since`: the change log, oldest first.
pub fn changes(after: u64, r: &ChangesResult) -> String {
    let mut out = String::new();
    if r.changes.is_empty() {
        let _ = writeln!(out, "No changes after clock {after}; the graph is at clock {}.", r.clock);
        if after == 0 {
            let _ =
                writeln!(out, "(The first index is not in the change log: only later edits are.)");
        }
        return out;
    }
    let _ = writeln!(
        out,
        "{} after clock {after} (oldest first):",
        plural(r.changes.len(), "change", "changes")
    );
    for c in &r.changes {
        let what = match c.change {
            ChangeKind::Added => "added",
            ChangeKind::Changed => "changed",
            ChangeKind::Removed => "removed",
        };
        let _ = writeln!(out, "- clock {}: {what} {}", c.clock, c.node_id);
    }
    match &r.next_cursor {
        Some(_) => more(&mut out, &r.next_cursor),
        None => {
            let _ = writeln!(out, "To follow later changes, call again with clock = {}.", r.clock);
        }
    }
    out
}

/// `sync`: the barrier passed.
pub fn sync(r: &SyncResult) -> String {
    format!(
        "Synced: every file change made before this call is in the graph (clock {}).\n",
        r.clock
    )
}

/// `status`: the daemon and the index in a few lines.
pub fn status(root: &std::path::Path, r: &StatusResult) -> String {
    let mut out = String::new();
    let s = &r.index;
    let _ = writeln!(out, "codehub for {}", root.display());
    match &r.daemon {
        Some(d) => {
            let _ = writeln!(
                out,
                "daemon: running (pid {}, up {:.0} s, {}), {} changes queued, {} applied",
                d.pid, d.uptime_s, d.watch_mode, d.queue_depth, d.changes_applied
            );
            match &d.indexing {
                Some(p) => {
                    let _ = writeln!(
                        out,
                        "first index: running, {} files handled so far ({:.0} s)",
                        p.files_done, p.elapsed_s
                    );
                }
                None => {
                    let _ = writeln!(out, "first index: done");
                }
            }
            if let Some(e) = &d.last_error {
                let _ = writeln!(out, "last error: {e}");
            }
        }
        None => {
            let _ = writeln!(out, "daemon: not running (index read directly)");
        }
    }
    let languages: Vec<String> = s.languages.iter().map(|(l, n)| format!("{l} {n}")).collect();
    let _ = writeln!(out, "files: {} ({})", s.files, languages.join(", "));
    let _ = writeln!(
        out,
        "nodes: {}; edges: {} ({} resolved); files with syntax errors: {}",
        s.nodes, s.edges, s.resolved_edges, s.files_with_diagnostics
    );
    let _ = writeln!(out, "clock: {}", r.clock);
    out
}

/// A daemon error as an agent should read it: what went wrong and what to do next.
pub fn rpc_error(query: Option<&str>, e: &RpcError) -> String {
    let mut out = String::new();
    let q = query.unwrap_or("");
    match e.kind() {
        protocol::ErrorKind::NotFound => {
            let _ = writeln!(
                out,
                "No node matches \"{q}\" ({}). Use `find_symbol` with a bare name or \
                 `search` with words to find its id.",
                e.message
            );
        }
        protocol::ErrorKind::Ambiguous => {
            let _ = writeln!(
                out,
                "\"{q}\" is ambiguous: {} match. Call again with one of these ids:",
                plural(e.data.candidates.len(), "node", "nodes")
            );
            for c in &e.data.candidates {
                summary(&mut out, c);
            }
        }
        protocol::ErrorKind::Timeout => {
            let _ = writeln!(
                out,
                "codehub did not answer in time ({}). It may be busy indexing; try again.",
                e.message
            );
        }
        kind => {
            let _ = writeln!(out, "codehub error ({kind}): {}", e.message);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use protocol::{Evidence, Provenance, Source};

    fn traversal(possible_count: u64, possible: Vec<PossibleEdge>) -> TraverseResult {
        TraverseResult {
            clock: 1,
            source: Source::Daemon,
            node: "web/http.py::HttpRequest.get_host".into(),
            reached: Vec::new(),
            next_cursor: None,
            possible_count,
            possible,
        }
    }

    #[test]
    fn callers_end_with_the_possible_count_or_say_they_are_definite() {
        let text = reached(true, 1, &traversal(10, Vec::new()));
        assert_eq!(
            text.lines().last(),
            Some("+10 possible call sites by name (unresolved receivers): possible: true to list"),
            "{text}"
        );
        let text = reached(true, 1, &traversal(0, Vec::new()));
        assert_eq!(
            text.lines().last(),
            Some("all call sites named get_host are resolved (definite)"),
            "{text}"
        );
    }

    #[test]
    fn listed_possible_edges_show_their_tier_and_evidence() {
        let edge = PossibleEdge {
            src: "web/views.py::untyped".into(),
            dst: "web/http.py::HttpRequest.get_host".into(),
            name: "request.get_host".into(),
            line: 9,
            kind: model::EdgeKind::Calls,
            provenance: Provenance::Possible,
            evidence: vec![Evidence::ReceiverName, Evidence::ImportsModule],
            score: 6,
        };
        let text = reached(true, 1, &traversal(1, vec![edge]));
        assert!(
            text.contains(
                "- web/views.py::untyped  [calls `request.get_host` at web/views.py:9] \
                 (possible: receiver_name, imports_module)"
            ),
            "{text}"
        );
        assert!(text.ends_with("listed above\n"), "{text}");
    }

    #[test]
    fn tests_say_how_each_reaches_the_node() {
        let summary = |id: &str| NodeSummary {
            id: id.into(),
            kind: model::NodeKind::Function,
            path: "tests/test_api.py".into(),
            start_line: 3,
            end_line: 4,
            signature: None,
            summary: None,
        };
        let reach = |test: &str, provenance, depth, via: Option<&str>| protocol::TestReach {
            test: test.into(),
            provenance,
            depth,
            via: via.map(str::to_owned),
        };
        let r = TestsResult {
            clock: 1,
            source: Source::Daemon,
            node: "app/core.py::handle".into(),
            tests: vec![summary("tests/test_api.py::test_a"), summary("tests/test_api.py::test_b")],
            reach: vec![
                reach("tests/test_api.py::test_a", Provenance::Exact, 1, None),
                reach(
                    "tests/test_api.py::test_b",
                    Provenance::Indirect,
                    2,
                    Some("tests/helpers.py::check_page"),
                ),
            ],
            next_cursor: None,
            possible_count: 0,
            possible: Vec::new(),
        };
        let text = tests(&r);
        assert!(
            text.contains(
                "- function tests/test_api.py::test_b  [tests/test_api.py:3-4]\n    \
                 reaches it: indirect: 2 edges, via tests/helpers.py::check_page\n"
            ),
            "{text}"
        );
        assert_eq!(text.matches("reaches it").count(), 1, "{text}");
    }
}
