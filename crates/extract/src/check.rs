//! The invariants every extraction result keeps, checked by the tests and the fuzz
//! targets: spans within the file, unique ids, parents before their children,
//! edges and symbols that name nodes of the file.

use crate::{FileFacts, SymbolTarget, Target};
use std::collections::HashSet;

/// Every broken invariant of `facts`, extracted from a file of `source_len` bytes, as
/// one sentence each; empty when all hold. Checked: `nodes[0]` is the module (id =
/// path, no parent, whole file); ids are unique and start with the path; each
/// parent is an earlier node; spans lie within the file (bytes half-open, lines
/// 1-based and ordered); edge sources, same-file edge targets and symbol targets
/// are nodes of the file.
pub fn invariant_violations(facts: &FileFacts, source_len: usize) -> Vec<String> {
    let mut out = Vec::new();
    let Some(module) = facts.nodes.first() else {
        return vec!["no module node".into()];
    };
    if module.id != facts.path || module.parent.is_some() {
        out.push(format!("nodes[0] is not the module of {:?}: {:?}", facts.path, module.id));
    }
    if module.span.start_byte != 0 || module.span.end_byte as usize != source_len {
        out.push(format!("the module spans {:?}, not the whole file", module.span));
    }
    let last_line = facts.line_count.max(1);
    let mut seen: HashSet<&str> = HashSet::new();
    for node in &facts.nodes {
        let span = node.span;
        if span.start_byte > span.end_byte || span.end_byte as usize > source_len {
            out.push(format!("{}: bytes {:?} outside 0..{source_len}", node.id, span));
        }
        if span.start_line == 0 || span.start_line > span.end_line || span.end_line > last_line {
            out.push(format!("{}: lines {:?} outside 1..={last_line}", node.id, span));
        }
        if node.id != facts.path
            && model::split_node_id(&node.id) != (&facts.path, &node.qualified_name)
        {
            out.push(format!("{}: not {:?} + `::` + its qualified name", node.id, facts.path));
        }
        if let Some(parent) = &node.parent {
            if !seen.contains(parent.as_str()) {
                out.push(format!("{}: parent {parent} is not an earlier node", node.id));
            }
        }
        if !seen.insert(&node.id) {
            out.push(format!("{}: duplicate id", node.id));
        }
    }
    for edge in &facts.edges {
        if !seen.contains(edge.src.as_str()) {
            out.push(format!("edge from unknown node {}", edge.src));
        }
        if let Target::Node { id, .. } = &edge.target {
            if !seen.contains(id.as_str()) {
                out.push(format!("edge from {} to unknown node {id}", edge.src));
            }
        }
    }
    for symbol in &facts.symbols {
        if let SymbolTarget::Node(id) = &symbol.target {
            if !seen.contains(id.as_str()) {
                out.push(format!("symbol {} names unknown node {id}", symbol.key));
            }
        }
    }
    out
}
