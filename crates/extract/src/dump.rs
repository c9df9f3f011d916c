//! A stable, line-oriented text rendering of [`FileFacts`], used by the data-driven
//! extraction tests (`tests/data/<lang>/<case>.<ext>.graph`) and for debugging.

use crate::{FileFacts, SymbolTarget, Target};
use std::fmt::Write;

/// Renders `facts` as text: diagnostics, then nodes (with their non-empty fields),
/// edges and symbols, one per line, in extraction order. Hashes and byte offsets are
/// left out so that expectations read well; everything else a user sees is in.
pub fn dump(facts: &FileFacts) -> String {
    let mut out = String::new();
    for d in &facts.diagnostics {
        let _ = writeln!(out, "diagnostic L{}: {}", d.line, d.message);
    }
    for n in &facts.nodes {
        let _ = write!(out, "{} {} L{}-{}", n.kind, n.id, n.span.start_line, n.span.end_line);
        if n.kind.is_callable() {
            let _ = write!(out, " complexity={}", n.complexity);
            if n.has_type_hints {
                out.push_str(" typed");
            }
        }
        out.push('\n');
        if let Some(sig) = &n.signature {
            let _ = writeln!(out, "  signature: {sig}");
        }
        if let Some(doc) = &n.docstring {
            let _ = writeln!(out, "  docstring: {doc:?}");
        }
        if !n.decorators.is_empty() {
            let _ = writeln!(out, "  decorators: {}", n.decorators.join(" "));
        }
        if !n.imports.is_empty() {
            let _ = writeln!(out, "  imports: {}", n.imports.join(", "));
        }
    }
    for e in &facts.edges {
        let dst = match &e.target {
            Target::Node { id, provenance } => format!("{id} ({provenance})"),
            Target::Key { key, name, inferred } => {
                let how = if *inferred { "inferred" } else { "exact" };
                format!("key {key} [{name}] ({how})")
            }
            Target::Name(name) => format!("name {name} (unresolved)"),
        };
        let role = e.role.map(|r| format!("/{r}")).unwrap_or_default();
        let _ = writeln!(out, "edge {}{role} {} -> {} L{}", e.kind, e.src, dst, e.line);
    }
    for s in &facts.symbols {
        match &s.target {
            SymbolTarget::Node(id) => {
                let _ = writeln!(out, "symbol {} = {}", s.key, id);
            }
            SymbolTarget::Alias(key) => {
                let _ = writeln!(out, "symbol {} -> {}", s.key, key);
            }
        }
    }
    out
}
