//! The structural reads: a node's members (`graph.members`), its type hierarchy
//! (`graph.hierarchy`) and its non-call uses (`graph.references`). Each reads the
//! edges the writer already keeps (`contains`, `inherits`/`implements`, `imports`,
//! `references`) through the `edges_src` and `edges_dst` indexes: nothing is
//! materialised, so incremental commits keep them current for free.

use crate::{Result, Store};
use model::{
    EdgeEnd, EdgeKind, Member, NodeKind, NodeSummary, Provenance, Reference, ReferenceKind, Related,
};
use rusqlite::{params, Row};
use std::collections::{HashSet, VecDeque};

/// Most bases whose members [`Store::members`] merges (a guard against a hierarchy
/// the linker got wrong, not a limit real code reaches).
const MAX_BASES: usize = 256;

/// Which way [`Store::hierarchy`] walks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Toward {
    /// From a type to its bases and the interfaces or traits it implements.
    Bases,
    /// From a type to its subclasses and implementations.
    Subtypes,
}

/// The columns [`member_row`] reads, over `nodes n`.
const MEMBER_COLUMNS: &str =
    "n.id, n.kind, n.path, n.start_line, n.end_line, n.signature, n.docstring, n.name";

fn member_row(row: &Row<'_>) -> rusqlite::Result<(String, NodeSummary)> {
    let kind: String = row.get(1)?;
    let docstring: Option<String> = row.get(6)?;
    let summary = NodeSummary {
        id: row.get(0)?,
        kind: NodeKind::parse(&kind).unwrap_or(NodeKind::Module),
        path: row.get(2)?,
        start_line: row.get(3)?,
        end_line: row.get(4)?,
        signature: row.get(5)?,
        summary: model::summary(docstring.as_deref()),
    };
    Ok((row.get(7)?, summary))
}

impl Store {
    /// The nodes defined directly in `id` (its `contains` edges), in source order. With
    /// `inherited`, then the members of its bases in the index that it does not define
    /// itself, base by base: depth-first, left to right, each base once (Python's C3
    /// order for single inheritance and for most trees; for a diamond the shared base
    /// may come earlier than C3 puts it). A name defined nearer hides farther ones.
    /// Empty for a node without members or an unknown id.
    pub fn members(&self, id: &str, inherited: bool) -> Result<Vec<Member>> {
        let mut out: Vec<Member> = self
            .own_members(id)?
            .into_iter()
            .map(|(name, node)| Member { name, node, inherited_from: None })
            .collect();
        if !inherited {
            return Ok(out);
        }
        let mut names: HashSet<String> = out.iter().map(|m| m.name.clone()).collect();
        let mut seen = HashSet::from([id.to_owned()]);
        let mut stack = vec![id.to_owned()];
        let mut order = Vec::new();
        // Depth-first preorder over resolved bases, left to right.
        while let Some(class) = stack.pop() {
            if class != id {
                order.push(class.clone());
            }
            let bases = self.bases_of(&class)?;
            for base in bases.into_iter().rev() {
                if base.resolved && seen.insert(base.id.clone()) {
                    stack.push(base.id);
                }
            }
            if order.len() >= MAX_BASES {
                break;
            }
        }
        for base in order {
            for (name, node) in self.own_members(&base)? {
                if names.insert(name.clone()) {
                    out.push(Member { name, node, inherited_from: Some(base.clone()) });
                }
            }
        }
        Ok(out)
    }

    fn own_members(&self, id: &str) -> Result<Vec<(String, NodeSummary)>> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS} FROM edges e JOIN nodes n ON n.id = e.dst
             WHERE e.src = (SELECT rowid FROM nodes WHERE id = ?1) AND e.kind = 'contains'
             ORDER BY n.start_byte, n.id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([id], member_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The `inherits` and `implements` edges leaving `id`, in source order.
    fn bases_of(&self, id: &str) -> Result<Vec<EdgeEnd>> {
        Ok(self.base_edges(id)?.into_iter().map(|(_, end)| end).collect())
    }

    fn base_edges(&self, id: &str) -> Result<Vec<(EdgeKind, EdgeEnd)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT kind, dst, resolved, provenance, line FROM edges
             WHERE src = (SELECT rowid FROM nodes WHERE id = ?1)
               AND kind IN ('inherits', 'implements')
             ORDER BY rowid",
        )?;
        let rows = stmt.query_map([id], edge_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn subtype_edges(&self, id: &str) -> Result<Vec<(EdgeKind, EdgeEnd)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.kind, n.id, 1, e.provenance, e.line FROM edges e
             JOIN nodes n ON n.rowid = e.src
             WHERE e.dst = ?1 AND e.kind IN ('inherits', 'implements') AND e.resolved
             ORDER BY n.id, e.line",
        )?;
        let rows = stmt.query_map([id], edge_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The type hierarchy of `id` one way, breadth-first to `depth` levels (1 = direct
    /// bases or subtypes), each node once at its shallowest depth, at most `limit`
    /// steps. Unresolved bases (outside the root) are listed by name and not
    /// followed. The bool is true when `limit` cut the walk short.
    pub fn hierarchy(
        &self,
        id: &str,
        toward: Toward,
        depth: u32,
        limit: usize,
    ) -> Result<(Vec<Related>, bool)> {
        let mut out = Vec::new();
        let mut seen = HashSet::from([id.to_owned()]);
        let mut queue = VecDeque::from([(id.to_owned(), 0u32)]);
        while let Some((node, at)) = queue.pop_front() {
            if at >= depth {
                continue;
            }
            let edges = match toward {
                Toward::Bases => self.base_edges(&node)?,
                Toward::Subtypes => self.subtype_edges(&node)?,
            };
            for (relation, edge) in edges {
                if !seen.insert(edge.id.clone()) {
                    continue;
                }
                if out.len() == limit {
                    return Ok((out, true));
                }
                if edge.resolved {
                    queue.push_back((edge.id.clone(), at + 1));
                }
                out.push(Related { depth: at + 1, via: node.clone(), relation, edge });
            }
        }
        Ok((out, false))
    }

    /// The non-call uses of `id`: `references` edges (as a value, in an annotation,
    /// as a decorator), `imports` of it, and `inherits`/`implements` naming it as a
    /// base, ordered by file, line and user; at most `limit`. Only resolved edges: a
    /// use the linker could not resolve to `id` is not one of its references.
    pub fn references(&self, id: &str, limit: usize) -> Result<Vec<Reference>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT n.id, n.path, e.line, e.kind, e.role, e.provenance FROM edges e
             JOIN nodes n ON n.rowid = e.src
             WHERE e.dst = ?1 AND e.resolved
               AND e.kind IN ('references', 'imports', 'inherits', 'implements')
             ORDER BY n.path, e.line, n.id, e.kind
             LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![id, limit as i64], |r| {
            let kind: String = r.get(3)?;
            let role: Option<String> = r.get(4)?;
            let provenance: String = r.get(5)?;
            let kind = match kind.as_str() {
                "imports" => ReferenceKind::Import,
                "inherits" | "implements" => ReferenceKind::Base,
                _ => role.as_deref().and_then(ReferenceKind::parse).unwrap_or(ReferenceKind::Value),
            };
            Ok(Reference {
                src: r.get(0)?,
                path: r.get(1)?,
                line: r.get(2)?,
                kind,
                provenance: Provenance::parse(&provenance).unwrap_or(Provenance::Inferred),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl Store {
    /// The nodes of the file `path` that lines `first..=last` (1-based) change, as
    /// `impact` reports them: the innermost functions and methods whose span overlaps
    /// the lines; where none does, the innermost other node (a class body, a
    /// constant); where only the module does, the module itself. Empty when `path` is
    /// not indexed.
    pub fn changed_nodes(&self, path: &str, first: u32, last: u32) -> Result<Vec<NodeSummary>> {
        let sql = format!(
            "SELECT {MEMBER_COLUMNS}, n.start_byte, n.end_byte FROM nodes n
             WHERE n.path = ?1 AND n.start_line <= ?3 AND n.end_line >= ?2
             ORDER BY n.start_byte, n.end_byte DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![path, first, last], |r| {
            let (_, summary) = member_row(r)?;
            Ok((summary, r.get::<_, u32>(8)?, r.get::<_, u32>(9)?))
        })?;
        let found = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        // Innermost: no other candidate of the same class lies inside it.
        let innermost = |keep: &dyn Fn(&NodeSummary) -> bool| -> Vec<NodeSummary> {
            let candidates: Vec<&(NodeSummary, u32, u32)> =
                found.iter().filter(|(n, _, _)| keep(n)).collect();
            candidates
                .iter()
                .filter(|(n, start, end)| {
                    !candidates.iter().any(|(m, s, e)| m.id != n.id && s >= start && e <= end)
                })
                .map(|(n, _, _)| n.clone())
                .collect()
        };
        let callables = innermost(&|n: &NodeSummary| n.kind.is_callable());
        if !callables.is_empty() {
            return Ok(callables);
        }
        let others = innermost(&|n: &NodeSummary| n.kind != NodeKind::Module);
        if !others.is_empty() {
            return Ok(others);
        }
        Ok(found.into_iter().map(|(n, _, _)| n).collect())
    }
}

fn edge_row(r: &Row<'_>) -> rusqlite::Result<(EdgeKind, EdgeEnd)> {
    let kind: String = r.get(0)?;
    let provenance: String = r.get(3)?;
    let resolved: bool = r.get(2)?;
    Ok((
        EdgeKind::parse(&kind).unwrap_or(EdgeKind::Inherits),
        EdgeEnd {
            id: r.get(1)?,
            resolved,
            provenance: Provenance::parse(&provenance).unwrap_or(if resolved {
                Provenance::Inferred
            } else {
                Provenance::Unresolved
            }),
            line: r.get(4)?,
        },
    ))
}
