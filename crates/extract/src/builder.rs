//! The bookkeeping every language module shares: the module node, ids with `#N`
//! suffixes for duplicates, spans and hashes, `contains` edges, diagnostics.

use crate::{walk, Diagnostic, EdgeFacts, FileFacts, NodeFacts, Symbol, SymbolTarget, Target};
use model::{node_id, EdgeKind, Language, NodeKind, Provenance, Span};
use std::collections::{BTreeSet, HashMap};
use tree_sitter::{Node, Parser, Tree};

/// Index of a node inside [`FileBuilder::nodes`].
pub(crate) type NodeIdx = usize;

/// Accumulates the facts of one file.
pub(crate) struct FileBuilder<'s> {
    pub src: &'s [u8],
    pub path: &'s str,
    language: Language,
    pub nodes: Vec<NodeFacts>,
    pub edges: Vec<EdgeFacts>,
    pub symbols: Vec<Symbol>,
    pub diagnostics: Vec<Diagnostic>,
    /// Imported names used by each node, merged into `NodeFacts::imports` at the end.
    used_imports: HashMap<NodeIdx, BTreeSet<String>>,
    /// How many times each undecorated qualified name has been seen.
    seen: HashMap<String, u32>,
    /// Every qualified name given out, the module's ("") included.
    used: std::collections::HashSet<String>,
    /// The references recorded, so that a name written twice on a line is one use.
    references_seen: std::collections::HashSet<(NodeIdx, Target, u32, model::ReferenceKind)>,
    depth_reported: bool,
}

impl<'s> FileBuilder<'s> {
    /// Starts a file: creates the module node spanning `tree`'s root and records
    /// syntax and encoding diagnostics.
    pub fn new(path: &'s str, src: &'s [u8], language: Language, tree: &Tree) -> Self {
        let root = tree.root_node();
        let mut diagnostics = walk::syntax_diagnostics(tree, src, 20);
        if std::str::from_utf8(src).is_err() {
            diagnostics.insert(
                0,
                Diagnostic {
                    line: 0,
                    message: "invalid UTF-8: undecodable bytes shown as U+FFFD".into(),
                },
            );
        }
        let name = module_name(path);
        let module = NodeFacts {
            id: path.to_owned(),
            kind: NodeKind::Module,
            name,
            qualified_name: String::new(),
            parent: None,
            span: Span {
                start_line: 1,
                end_line: count_lines(src).max(1),
                start_byte: 0,
                end_byte: src.len() as u32,
            },
            signature: None,
            docstring: None,
            decorators: Vec::new(),
            imports: Vec::new(),
            source_hash: crate::hash(src),
            line_count: count_lines(src),
            complexity: 0,
            has_type_hints: false,
        };
        let _ = root;
        FileBuilder {
            src,
            path,
            language,
            nodes: vec![module],
            edges: Vec::new(),
            symbols: Vec::new(),
            diagnostics,
            used_imports: HashMap::new(),
            seen: HashMap::new(),
            used: std::collections::HashSet::from([String::new()]),
            references_seen: Default::default(),
            depth_reported: false,
        }
    }

    /// Adds a node named `name` under `parent`, spanning `syntax`. Its qualified name
    /// is `parent.qualified_name + "." + name` (or `name` under the module), suffixed
    /// `#N` when that name was already used in this file. Adds the `contains` edge.
    pub fn add_node(
        &mut self,
        parent: NodeIdx,
        kind: NodeKind,
        name: &str,
        syntax: Node<'_>,
    ) -> NodeIdx {
        self.add_node_within(parent, "", kind, name, syntax)
    }

    /// [`FileBuilder::add_node`] for a definition whose qualified name has `scope`
    /// (dotted, empty for none) between its parent's and its own name, though nothing
    /// of this file is that scope: C++'s `void ns::A::f() {}` under the module is
    /// `ns.A.f`, named `f`.
    pub fn add_node_within(
        &mut self,
        parent: NodeIdx,
        scope: &str,
        kind: NodeKind,
        name: &str,
        syntax: Node<'_>,
    ) -> NodeIdx {
        // Broken syntax can leave a definition with an empty name (`declare module
        // (1)`, a describe block whose string never closes); named "" it would take
        // its parent's id, or the file's.
        let name = if name.is_empty() { ANONYMOUS } else { name };
        let parent_base = base_name(&self.nodes[parent].qualified_name);
        let name_in_scope =
            if scope.is_empty() { name.to_owned() } else { format!("{scope}.{name}") };
        let base = if parent_base.is_empty() {
            name_in_scope
        } else {
            format!("{parent_base}.{name_in_scope}")
        };
        let n = self.seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let mut qualified_name = if *n == 1 { base.clone() } else { format!("{base}#{n}") };
        // A name that itself looks suffixed (a describe string "x#2") must not take
        // the id a later duplicate `x` gets: ids stay unique whatever the names are.
        while !self.used.insert(qualified_name.clone()) {
            *n += 1;
            qualified_name = format!("{base}#{n}");
        }
        let id = node_id(self.path, &qualified_name);
        let span = span_of(syntax);
        let bytes = &self.src[syntax.start_byte()..syntax.end_byte()];
        let parent_id = self.nodes[parent].id.clone();
        self.edges.push(EdgeFacts {
            kind: EdgeKind::Contains,
            src: parent_id.clone(),
            target: Target::Node { id: id.clone(), provenance: Provenance::Exact },
            line: span.start_line,
            arity: None,
            role: None,
        });
        self.nodes.push(NodeFacts {
            id,
            kind,
            name: name.to_owned(),
            qualified_name,
            parent: Some(parent_id),
            span,
            signature: None,
            docstring: None,
            decorators: Vec::new(),
            imports: Vec::new(),
            source_hash: crate::hash(bytes),
            line_count: span.end_line - span.start_line + 1,
            complexity: 0,
            has_type_hints: false,
        });
        self.nodes.len() - 1
    }

    /// Records an edge from node `src`.
    pub fn edge(&mut self, kind: EdgeKind, src: NodeIdx, target: Target, line: u32) {
        self.call_edge(kind, src, target, line, None);
    }

    /// Records an edge from node `src` for a call site that passes `arity` arguments
    /// (`None`: not counted, e.g. `f(*args)`).
    pub fn call_edge(
        &mut self,
        kind: EdgeKind,
        src: NodeIdx,
        target: Target,
        line: u32,
        arity: Option<u16>,
    ) {
        let src = self.nodes[src].id.clone();
        self.edges.push(EdgeFacts { kind, src, target, line, arity, role: None });
    }

    /// Records a [`EdgeKind::References`] edge from node `src`: it uses `target` as
    /// `role` (a value, in an annotation, as a decorator) at `line`. At most one per
    /// (source, target, line, role): a name written twice on a line is one use.
    pub fn reference(
        &mut self,
        src: NodeIdx,
        target: Target,
        line: u32,
        role: model::ReferenceKind,
    ) {
        if self.references_seen.insert((src, target.clone(), line, role)) {
            let src = self.nodes[src].id.clone();
            let kind = EdgeKind::References;
            self.edges.push(EdgeFacts { kind, src, target, line, arity: None, role: Some(role) });
        }
    }

    /// Exports `key` as standing for node `idx`.
    pub fn export_node(&mut self, key: String, idx: NodeIdx) {
        let id = self.nodes[idx].id.clone();
        self.symbols.push(Symbol { key, target: SymbolTarget::Node(id) });
    }

    /// Exports `key` as an alias of `target_key` (a re-export).
    pub fn export_alias(&mut self, key: String, target_key: String) {
        if key != target_key {
            self.symbols.push(Symbol { key, target: SymbolTarget::Alias(target_key) });
        }
    }

    /// Notes that node `idx` uses the imported name `name`.
    pub fn use_import(&mut self, idx: NodeIdx, name: &str) {
        self.used_imports.entry(idx).or_default().insert(name.to_owned());
    }

    /// Adds a diagnostic at `line`.
    pub fn diagnostic(&mut self, line: u32, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic { line, message: message.into() });
    }

    /// Reports, once per file, that nesting deeper than [`crate::MAX_DEPTH`] was cut.
    pub fn too_deep(&mut self, line: u32) {
        if !self.depth_reported {
            self.depth_reported = true;
            self.diagnostic(
                line,
                format!(
                    "nesting deeper than {} levels: inner definitions skipped",
                    crate::MAX_DEPTH
                ),
            );
        }
    }

    /// The source text of `node`.
    pub fn text(&self, node: Node<'_>) -> std::borrow::Cow<'s, str> {
        walk::text(node, self.src)
    }

    /// Finishes the file. Module imports are kept in first-seen order without repeats.
    pub fn finish(mut self) -> FileFacts {
        for (idx, names) in std::mem::take(&mut self.used_imports) {
            if idx != 0 {
                self.nodes[idx].imports = names.into_iter().collect();
            }
        }
        let mut seen = std::collections::HashSet::new();
        self.nodes[0].imports.retain(|name| seen.insert(name.clone()));
        FileFacts {
            path: self.path.to_owned(),
            language: self.language,
            file_hash: self.nodes[0].source_hash.clone(),
            line_count: self.nodes[0].line_count,
            nodes: self.nodes,
            edges: self.edges,
            symbols: self.symbols,
            diagnostics: self.diagnostics,
        }
    }
}

/// Parses `src` with `language`. Tree-sitter only returns `None` when cancelled or
/// misconfigured, which codehub never does; an empty tree stands in just in case.
pub(crate) fn parse(language: &tree_sitter::Language, src: &[u8]) -> Tree {
    let mut parser = Parser::new();
    parser.set_language(language).expect("grammar ABI matches the tree-sitter crate");
    match parser.parse(src, None) {
        Some(tree) => tree,
        None => parser.parse(b"", None).expect("parsing an empty input succeeds"),
    }
}

/// The name a node gets when its syntax gives it none.
pub(crate) const ANONYMOUS: &str = "<anonymous>";

/// The span of a syntax node. Syntax that ends at the start of a line (tree-sitter
/// closes an unterminated block at the end of the file, after its last newline, and
/// some grammars' items include their newline) ends on the line before: no
/// character of that line is in it, and a file of N lines has no line N+1.
pub(crate) fn span_of(node: Node<'_>) -> Span {
    let (start, end) = (node.start_position(), node.end_position());
    let end_row = if end.column == 0 && end.row > start.row { end.row - 1 } else { end.row };
    Span {
        start_line: start.row as u32 + 1,
        end_line: end_row as u32 + 1,
        start_byte: node.start_byte() as u32,
        end_byte: node.end_byte() as u32,
    }
}

/// A qualified name without its `#N` duplicate suffix: children of the second `Foo`
/// are named `Foo.m` (and become `Foo.m#2`), so names stay predictable.
fn base_name(qualified_name: &str) -> &str {
    match qualified_name.rfind('#') {
        Some(i) if qualified_name[i + 1..].bytes().all(|b| b.is_ascii_digit()) => {
            &qualified_name[..i]
        }
        _ => qualified_name,
    }
}

/// Lines in `src`: the number of `\n`, plus one when the last line has no newline.
pub(crate) fn count_lines(src: &[u8]) -> u32 {
    let newlines = src.iter().filter(|&&b| b == b'\n').count() as u32;
    match src.last() {
        None => 0,
        Some(b'\n') => newlines,
        Some(_) => newlines + 1,
    }
}

/// The module's name: the file stem, or the directory for `__init__.py`, `mod.rs`,
/// `lib.rs`, `main.rs` and `index.*`.
fn module_name(path: &str) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.split('.').next().unwrap_or(file);
    if matches!(stem, "__init__" | "mod" | "index") {
        if let Some(dir) = path.rsplit('/').nth(1) {
            return dir.to_owned();
        }
    }
    stem.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_like_an_editor() {
        assert_eq!(count_lines(b""), 0);
        assert_eq!(count_lines(b"a"), 1);
        assert_eq!(count_lines(b"a\n"), 1);
        assert_eq!(count_lines(b"a\nb"), 2);
    }

    #[test]
    fn strips_duplicate_suffix() {
        assert_eq!(base_name("Foo#2"), "Foo");
        assert_eq!(base_name("Foo.bar"), "Foo.bar");
        assert_eq!(module_name("pkg/__init__.py"), "pkg");
        assert_eq!(module_name("pkg/a.py"), "a");
    }
}
