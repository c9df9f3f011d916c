//! How nodes appear in a pack's text: seeds as a header plus their source in a code
//! fence, everything else as a header, the signature and the docstring summary.
//!
//! ```text
//! seed · django/db/models/query.py:1624-1640 · method QuerySet.filter
//! ```python
//! def filter(self, *args, **kwargs):
//!     ...
//! ```
//!
//! caller · django/contrib/admin/views/main.py:510-540 · method ChangeList.get_queryset
//!     def get_queryset(self, request, exclude_parameters=None)
//!     Return the filtered queryset.
//! ```

use model::Language;
use protocol::{PackRole, PossibleCounts, SeedTests};
use std::path::Path;
use store::PackNode;

/// Longest signature rendered, in characters (longer ones are cut with `…`).
const MAX_SIGNATURE_CHARS: usize = 400;
/// Longest docstring summary rendered, in characters.
const MAX_SUMMARY_CHARS: usize = 300;

/// The seed with its source read from `root`, or why the source cannot be shown:
/// no recorded root, the file unreadable or not a regular file (a symlink, FIFO or
/// device put in its place is never opened through), or its bytes no longer hashing
/// to the indexed `file_hash` (the file changed since it was indexed). `indexed_size`
/// is the file's size in the index: at most that many bytes (+1, to see growth) are
/// read, so a file replaced by something huge or endless costs nothing.
pub(crate) fn seed_source(
    root: Option<&Path>,
    node: &PackNode,
    indexed_size: u64,
) -> Result<String, &'static str> {
    let source = node_text(root, node, indexed_size)?;
    let fence = fence_for(&source);
    let mut out = header(node, PackRole::Seed);
    out.push('\n');
    out.push_str(&fence);
    out.push_str(language_tag(&node.path));
    out.push('\n');
    out.push_str(source.trim_end_matches(['\n', '\r']));
    out.push('\n');
    out.push_str(&fence);
    out.push('\n');
    Ok(out)
}

/// The source text of `node` read from `root` as [`seed_source`] reads it: its span,
/// with the first line's indentation put back, decoded lossily; or why it cannot be
/// read as indexed.
pub(crate) fn node_text(
    root: Option<&Path>,
    node: &PackNode,
    indexed_size: u64,
) -> Result<String, &'static str> {
    let root = root.ok_or("root unknown to this index; re-run `codehub index`")?;
    let bytes = read_indexed(root, &node.path, indexed_size)?;
    // The whole file is compared, not just the span: an edit that extends the node
    // past its indexed end leaves the old span's bytes intact.
    if blake3::hash(&bytes).to_hex().as_str() != node.file_hash {
        return Err("file changed on disk since indexed");
    }
    let (start, end) = (node.span.start_byte as usize, node.span.end_byte as usize);
    let span = bytes.get(start..end).ok_or("file changed on disk since indexed")?;
    // The span starts at the definition, after its indentation: put the indentation
    // back so the first line lines up with the rest.
    let line_start = bytes[..start].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let indent = &bytes[line_start..start];
    let indent = if indent.iter().all(|b| *b == b' ' || *b == b'\t') { indent } else { &[] };
    let mut source = String::from_utf8_lossy(indent).into_owned();
    source.push_str(&String::from_utf8_lossy(span));
    Ok(source)
}

/// Reads the indexed file `rel` (root-relative, `/`-separated) below `root`, refusing
/// anything but a regular file reached without symlinks (the indexer never follows
/// them either), and reading at most `size + 1` bytes: a file whose size is not
/// `size` has changed since it was indexed.
fn read_indexed(root: &Path, rel: &str, size: u64) -> Result<Vec<u8>, &'static str> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    let mut path = root.to_path_buf();
    let parts: Vec<&str> = rel.split('/').collect();
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() || *part == "." || *part == ".." {
            return Err("path not inside the root");
        }
        path.push(part);
        // Every directory on the way must be a real directory, not a symlink out.
        if i + 1 < parts.len() {
            let meta = std::fs::symlink_metadata(&path).map_err(|_| "file unreadable")?;
            if !meta.is_dir() {
                return Err("file changed on disk since indexed (a directory on its path is now a symlink or file)");
            }
        }
    }
    // O_NOFOLLOW: a symlink put in the file's place fails to open (ELOOP).
    // O_NONBLOCK: opening a FIFO does not wait for a writer (it is refused below).
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(&path)
        .map_err(|e| match e.raw_os_error() {
            Some(libc::ELOOP) => "file changed on disk since indexed (now a symlink)",
            _ => "file unreadable",
        })?;
    let meta = file.metadata().map_err(|_| "file unreadable")?;
    if !meta.is_file() {
        return Err("file changed on disk since indexed (no longer a regular file)");
    }
    if meta.len() != size {
        return Err("file changed on disk since indexed");
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(size.saturating_add(1)).read_to_end(&mut bytes).map_err(|_| "file unreadable")?;
    if bytes.len() as u64 != size {
        return Err("file changed on disk since indexed");
    }
    Ok(bytes)
}

/// Header, signature and docstring summary; `note` says why a seed has no source.
pub(crate) fn brief(node: &PackNode, role: PackRole, note: Option<&str>) -> String {
    let mut out = header(node, role);
    if let Some(note) = note {
        out.push_str(" (source not shown: ");
        out.push_str(note);
        out.push(')');
    }
    out.push('\n');
    if let Some(signature) = node.signature.as_deref().map(one_line).filter(|s| !s.is_empty()) {
        out.push_str("    ");
        out.push_str(&cut(&signature, MAX_SIGNATURE_CHARS));
        out.push('\n');
    }
    if let Some(summary) = node.summary.as_deref().map(one_line).filter(|s| !s.is_empty()) {
        out.push_str("    ");
        out.push_str(&cut(&summary, MAX_SUMMARY_CHARS));
        out.push('\n');
    }
    out
}

/// The line after a seed that names its tests and how each reaches it, e.g.
/// `tests · tests/test_api.py::test_get, tests/test_page.py::test_page (indirect: 2
/// edges, via tests/helpers.py::check_page)`; nothing when none is found (the
/// possible line that follows says whether tests may call it by name).
pub(crate) fn tests_line(t: &SeedTests) -> String {
    if t.tests.is_empty() {
        return String::new();
    }
    let named: Vec<String> = t
        .tests
        .iter()
        .map(|r| match protocol::test_reach_note(r) {
            Some(how) => format!("{} ({how})", r.test),
            None => r.test.clone(),
        })
        .collect();
    let more = t.total.saturating_sub(t.tests.len() as u64);
    let more = if more > 0 { format!(" +{more} more (graph.tests)") } else { String::new() };
    format!("tests · {}{more}\n", named.join(", "))
}

/// The line after a seed that says what its callers, callees and tests answers could
/// not resolve (or that they are definite), e.g.
/// `possible · +10 callers by name (unresolved receivers), +2 unresolved calls, +0 tests (list with graph.callers/callees/tests, possible: true)`.
pub(crate) fn possible_line(node: &PackNode, c: &PossibleCounts) -> String {
    let name = node.qualified_name.rsplit('.').next().unwrap_or(&node.qualified_name);
    let name = name.split('#').next().unwrap_or(name);
    if c.callers == 0 && c.callees == 0 && c.tests == 0 {
        return format!(
            "possible · none: every call site named {name} and every call it makes resolved (definite)\n"
        );
    }
    format!(
        "possible · +{} callers by name (unresolved receivers), +{} unresolved calls, +{} tests by name \
         (list with graph.callers/callees/tests, possible: true)\n",
        c.callers, c.callees, c.tests
    )
}

fn header(node: &PackNode, role: PackRole) -> String {
    format!(
        "{} · {}:{}-{} · {} {}",
        role_name(role),
        node.path,
        node.span.start_line,
        node.span.end_line,
        node.kind,
        if node.qualified_name.is_empty() { &node.path } else { &node.qualified_name }
    )
}

fn role_name(role: PackRole) -> &'static str {
    match role {
        PackRole::Seed => "seed",
        PackRole::Caller => "caller",
        PackRole::Callee => "callee",
        PackRole::Test => "test",
        PackRole::Parent => "parent",
        PackRole::Sibling => "sibling",
        PackRole::Related => "related",
    }
}

/// A backtick fence longer than any backtick run in `source` (CommonMark).
fn fence_for(source: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in source.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    "`".repeat(longest.max(2) + 1)
}

fn language_tag(path: &str) -> &'static str {
    match Language::from_path(path) {
        Some(Language::Python) => "python",
        Some(Language::Rust) => "rust",
        Some(Language::JavaScript) => "javascript",
        Some(Language::TypeScript) => "typescript",
        Some(Language::C) => "c",
        Some(Language::Go) => "go",
        Some(Language::Java) => "java",
        Some(Language::Cpp) => "cpp",
        Some(Language::CSharp) => "csharp",
        Some(Language::Ruby) => "ruby",
        Some(Language::Php) => "php",
        None => "",
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn cut(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        None => text.to_owned(),
        Some((at, _)) => format!("{}…", &text[..at]),
    }
}
