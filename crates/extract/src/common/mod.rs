//! What the language extractors share, written once, where their copies agreed
//! exactly (what a language does differently stays in its folder): the abstract
//! values of callee and receiver evaluation with their depth bound and memo (`eval`),
//! `tests` edges and the test-path rule (`tests_edges`), McCabe complexity
//! (`complexity`), the doc-comment cleaning steps the languages have in common
//! (`docs`), and the cap on unresolved callee texts (`text`).

pub(crate) mod complexity;
pub(crate) mod docs;
pub(crate) mod eval;
pub(crate) mod tests_edges;
pub(crate) mod text;
