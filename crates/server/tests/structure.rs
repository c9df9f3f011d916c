//! The structural questions through `server::dispatch`: `graph.members` (own members
//! in source order, inherited ones with overrides hiding them), `graph.hierarchy`
//! (bases and subtypes transitively, bases outside the root by name),
//! `graph.references` (imports, values, annotations, decorators, bases; not calls,
//! not uses through a local variable) and `nodes.get` with `source: true` (given
//! only while the file is as indexed).

use protocol::methods::{GraphHierarchy, GraphMembers, GraphReferences, Method, NodesGet};
use protocol::{
    HierarchyDirection, HierarchyParams, MembersParams, NodeGetParams, ReferenceKind,
    ReferencesParams,
};
use serde_json::Value;
use server::dispatch;
use test_fixture::{tree, write};

const FIXTURE: &str = r#"
//- /shapes/base.py
import functools


def registered(cls):
    return cls


class Shape(Exception):
    """A shape."""

    def area(self):
        return 0

    def name(self):
        return "shape"


class Named:
    def label(self):
        return "named"


def on_draw(event):
    return event
//- /shapes/square.py
from shapes.base import Shape, Named, on_draw, registered


@registered
class Square(Shape, Named):
    def area(self):
        return 4


class Tiny(Square):
    pass


def subscribe(callback):
    return callback


def wire(s: Shape) -> Square:
    subscribe(on_draw)
    handlers = [on_draw]
    alias = on_draw
    subscribe(alias)
    on_draw(None)
    return Square()
"#;

fn indexed() -> (tempfile::TempDir, store::Store) {
    let dir = tree(FIXTURE);
    let config = index::Config::new(dir.path()).unwrap();
    index::index(&config, &|_| {}).unwrap();
    let store = store::Store::open_read_only(&config.db_path()).unwrap();
    (dir, store)
}

fn call<M: Method>(store: &store::Store, params: &M::Params) -> M::Result {
    let params = serde_json::to_value(params).unwrap();
    let value: Value = dispatch(store, None, M::NAME, params.clone())
        .unwrap_or_else(|e| panic!("{} {params}: {e}", M::NAME));
    serde_json::from_value(value).unwrap()
}

#[test]
fn members_come_in_source_order_and_inherited_ones_are_hidden_by_overrides() {
    let (_dir, store) = indexed();
    let own =
        call::<GraphMembers>(&store, &MembersParams { node: "Shape".into(), ..Default::default() });
    let names: Vec<&str> = own.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["area", "name"], "{own:?}");
    assert!(own.members.iter().all(|m| m.inherited_from.is_none()));

    let all = call::<GraphMembers>(
        &store,
        &MembersParams { node: "Tiny".into(), inherited: true, ..Default::default() },
    );
    let listed: Vec<(&str, Option<&str>)> =
        all.members.iter().map(|m| (m.node.id.as_str(), m.inherited_from.as_deref())).collect();
    assert_eq!(
        listed,
        [
            ("shapes/square.py::Square.area", Some("shapes/square.py::Square")),
            ("shapes/base.py::Shape.name", Some("shapes/base.py::Shape")),
            ("shapes/base.py::Named.label", Some("shapes/base.py::Named")),
        ],
        "Square.area hides Shape.area; bases depth-first, left to right"
    );

    let module = call::<GraphMembers>(
        &store,
        &MembersParams { node: "shapes/square.py".into(), limit: Some(2), ..Default::default() },
    );
    let names: Vec<&str> = module.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Square", "Tiny"]);
    assert!(module.next_cursor.is_some(), "a page of 2 out of 4");
}

#[test]
fn the_hierarchy_goes_both_ways_transitively_and_names_bases_outside_the_root() {
    let (_dir, store) = indexed();
    let up = call::<GraphHierarchy>(
        &store,
        &HierarchyParams {
            node: "Tiny".into(),
            direction: Some(HierarchyDirection::Up),
            ..Default::default()
        },
    );
    let bases: Vec<(u32, &str, bool)> =
        up.bases.iter().map(|r| (r.depth, r.edge.id.as_str(), r.edge.resolved)).collect();
    assert_eq!(
        bases,
        [
            (1, "shapes/square.py::Square", true),
            (2, "shapes/base.py::Shape", true),
            (2, "shapes/base.py::Named", true),
            (3, "Exception", false),
        ]
    );
    assert!(up.subtypes.is_empty(), "direction up lists no subtypes");

    let down = call::<GraphHierarchy>(
        &store,
        &HierarchyParams { node: "Shape".into(), ..Default::default() },
    );
    let subtypes: Vec<(u32, &str)> =
        down.subtypes.iter().map(|r| (r.depth, r.edge.id.as_str())).collect();
    assert_eq!(subtypes, [(1, "shapes/square.py::Square"), (2, "shapes/square.py::Tiny")]);
    assert_eq!(down.bases.len(), 1, "Shape's own base, Exception");

    let direct = call::<GraphHierarchy>(
        &store,
        &HierarchyParams { node: "Shape".into(), depth: Some(1), ..Default::default() },
    );
    assert_eq!(direct.subtypes.len(), 1, "depth 1: Square only");

    let err = dispatch(
        &store,
        None,
        GraphHierarchy::NAME,
        serde_json::json!({"node": "Shape", "depth": 0}),
    )
    .unwrap_err();
    assert_eq!(err.kind(), protocol::ErrorKind::InvalidParams);
}

#[test]
fn references_list_non_call_uses_and_not_calls_or_uses_through_a_variable() {
    let (_dir, store) = indexed();
    let uses = |node: &str| -> Vec<(String, u32, ReferenceKind)> {
        let r = call::<GraphReferences>(
            &store,
            &ReferencesParams { node: node.into(), ..Default::default() },
        );
        r.references.into_iter().map(|u| (u.src, u.line, u.kind)).collect()
    };
    assert_eq!(
        uses("on_draw"),
        [
            ("shapes/square.py".to_owned(), 1, ReferenceKind::Import),
            ("shapes/square.py::wire".to_owned(), 19, ReferenceKind::Value),
            ("shapes/square.py::wire".to_owned(), 20, ReferenceKind::Value),
            ("shapes/square.py::wire".to_owned(), 21, ReferenceKind::Value),
        ],
        "the call on line 23 is a caller, and `subscribe(alias)` uses the variable"
    );
    assert_eq!(
        uses("shapes/base.py::Shape"),
        [
            ("shapes/square.py".to_owned(), 1, ReferenceKind::Import),
            ("shapes/square.py::Square".to_owned(), 5, ReferenceKind::Base),
            ("shapes/square.py::wire".to_owned(), 18, ReferenceKind::Annotation),
        ]
    );
    let square = uses("shapes/square.py::Square");
    assert!(
        square.contains(&("shapes/square.py::wire".to_owned(), 18, ReferenceKind::Annotation)),
        "the return annotation: {square:?}"
    );
    assert!(
        square.contains(&("shapes/square.py::Tiny".to_owned(), 10, ReferenceKind::Base)),
        "{square:?}"
    );
    assert_eq!(
        uses("registered"),
        [
            ("shapes/square.py".to_owned(), 1, ReferenceKind::Import),
            ("shapes/square.py::Square".to_owned(), 4, ReferenceKind::Decorator),
        ]
    );
}

#[test]
fn source_is_given_only_while_the_file_is_as_indexed() {
    let (dir, store) = indexed();
    let params = NodeGetParams { node: Some("on_draw".into()), source: true, ..Default::default() };
    let r = call::<NodesGet>(&store, &params);
    let text = r.text.expect("asked for source");
    assert_eq!(text.text.as_deref(), Some("def on_draw(event):\n    return event"));
    assert_eq!(text.unavailable, None);

    let without = call::<NodesGet>(
        &store,
        &NodeGetParams { node: Some("on_draw".into()), ..Default::default() },
    );
    assert!(without.text.is_none(), "no source unless asked");

    let base = std::fs::read_to_string(dir.path().join("shapes/base.py")).unwrap();
    write(dir.path(), "shapes/base.py", &base.replace("return event", "return None"));
    let stale = call::<NodesGet>(&store, &params).text.unwrap();
    assert_eq!(stale.text, None, "the file changed: its old bytes are not shown as current");
    assert_eq!(stale.unavailable.as_deref(), Some("file changed on disk since indexed"));
}

#[test]
fn typescript_references_are_values_and_type_annotations_resolved_through_imports() {
    let dir = tree(
        r#"
//- /web/handlers.ts
export interface Props {
  size: number;
}

export function onClick(): void {}
//- /web/app.ts
import { onClick, Props } from "./handlers";

export function mount(p: Props) {
  const onClick2 = (onClick: number) => onClick;
  document.addEventListener("click", onClick);
  onClick();
  return onClick2;
}
"#,
    );
    let config = index::Config::new(dir.path()).unwrap();
    index::index(&config, &|_| {}).unwrap();
    let store = store::Store::open_read_only(&config.db_path()).unwrap();
    let uses = |node: &str| -> Vec<(String, u32, ReferenceKind)> {
        let params = ReferencesParams { node: node.into(), ..Default::default() };
        let r = call::<GraphReferences>(&store, &params);
        r.references.into_iter().map(|u| (u.src, u.line, u.kind)).collect()
    };
    let on_click = uses("web/handlers.ts::onClick");
    assert!(
        on_click.contains(&("web/app.ts::mount".to_owned(), 5, ReferenceKind::Value)),
        "passed as a listener: {on_click:?}"
    );
    assert!(
        !on_click
            .iter()
            .any(|(_, line, kind)| *line == 4 || (*line == 6 && *kind == ReferenceKind::Value)),
        "the parameter that shadows it and the call are not uses: {on_click:?}"
    );
    let props = uses("web/handlers.ts::Props");
    assert!(
        props.contains(&("web/app.ts::mount".to_owned(), 3, ReferenceKind::Annotation)),
        "{props:?}"
    );
}
