//! C scopes: what a declarator declares, and the names inside a function (parameters,
//! local variables) or at file scope (variables) that a call cannot mean a function
//! of the program by: calling one calls through a function pointer.

use super::*;
use crate::walk::{Fields, Kinds};

/// The name a declarator declares and whether it declares a function (rather than a
/// variable or a pointer to a function): `f(int)` and `*f(void)` (a function
/// returning a pointer) are functions, `(*f)(int)` and `f[3]` are not. `None` when
/// recovery left no name.
pub(super) fn declarator_name(declarator: Node<'_>, src: &[u8]) -> Option<(String, bool)> {
    let mut current = declarator;
    // The declarator kind directly around the name, parentheses aside.
    let mut innermost = "";
    for _ in 0..crate::MAX_DEPTH {
        match current.kind_name() {
            "identifier" | "type_identifier" | "field_identifier" | "primitive_type" => {
                // A MISSING name tree-sitter made up is empty: no name at all.
                let name = walk::text(current, src).into_owned();
                return (!name.is_empty()).then_some((name, innermost == "function"));
            }
            "parenthesized_declarator" | "attributed_declarator" => {
                current = first_declarator(current)?;
            }
            kind => {
                innermost = match kind {
                    "function_declarator" => "function",
                    "pointer_declarator" => "pointer",
                    "array_declarator" => "array",
                    // `int x = 1`: the declarator is what declares.
                    "init_declarator" => innermost,
                    _ => return None,
                };
                current = current.field("declarator")?;
            }
        }
    }
    None
}

/// The first named child of a wrapping declarator that is not an attribute.
fn first_declarator(node: Node<'_>) -> Option<Node<'_>> {
    let mut cursor = node.walk();
    let found = node.named_children(&mut cursor).find(|c| {
        !matches!(c.kind_name(), "attribute_declaration" | "ms_call_modifier" | "comment")
    });
    found
}

/// The variables a declaration declares (its function prototypes aside).
pub(super) fn declared_variables(declaration: Node<'_>, src: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut cursor = declaration.walk();
    for declarator in declaration.children_by_field_name("declarator", &mut cursor) {
        if let Some((name, false)) = declarator_name(declarator, src) {
            out.push(name);
        }
    }
    out
}

/// The parameters and local variables of a function definition (every block of its
/// body: C's block scopes are not told apart, a name declared in one is taken as
/// local in the whole function).
pub(super) fn locals(def: Node<'_>, src: &[u8]) -> HashSet<String> {
    let mut out = HashSet::new();
    if let Some(declarator) = def.field("declarator") {
        walk::preorder(declarator, |node| match node.kind_name() {
            "parameter_declaration" => {
                if let Some(d) = node.field("declarator") {
                    if let Some((name, _)) = declarator_name(d, src) {
                        out.insert(name);
                    }
                }
                false
            }
            // K&R parameters: the names in the list.
            "identifier" => {
                out.insert(walk::text(node, src).into_owned());
                false
            }
            "parameter_list" => true,
            _ => node == declarator || node.kind_name().ends_with("_declarator"),
        });
    }
    // The name of the function itself is reached above only through its own
    // declarator's identifier, which K&R collection must not take as a parameter.
    if let Some((name, _)) = def.field("declarator").and_then(|d| declarator_name(d, src)) {
        out.remove(&name);
    }
    if let Some(body) = def.field("body") {
        walk::preorder(body, |node| {
            if node.kind_name() == "declaration" {
                out.extend(declared_variables(node, src));
            }
            node.kind_name() != "function_definition" || node == body
        });
    }
    out
}
