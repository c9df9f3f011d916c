//! Go scopes: the names a func body declares (receiver, parameters, results,
//! `var`s, `:=`, range variables, func literal parameters), each with its type when
//! the declaration states or implies one, and the type of an expression. A body is
//! one scope: Go's block scopes are not told apart, so a name declared in one block
//! is taken as local in the whole func (as the C extractor does).

use super::*;
use crate::walk::{Fields, Kinds};
use model::keys;

/// How many selectors and calls down a chain an operand is typed.
const MAX_CHAIN: usize = 16;

/// The names of one func body and their types (`None`: a value of a type not known).
pub(super) type Locals = HashMap<String, Option<Ty>>;

impl<'s, 't> Gx<'s, 't> {
    /// The names declared by the func or method `decl`, in declaration order, each
    /// typed from what was known when it was declared.
    pub(super) fn locals(&self, decl: Node<'t>) -> Locals {
        let mut out = Locals::new();
        for field in ["receiver", "parameters", "result"] {
            if let Some(list) = decl.child_by_field_name(field) {
                self.parameters(list, &mut out);
            }
        }
        let Some(body) = decl.field("body") else { return out };
        let mut declarations = Vec::new();
        walk::preorder(body, |node| {
            match node.kind_name() {
                "var_spec"
                | "short_var_declaration"
                | "range_clause"
                | "const_spec"
                | "receive_statement"
                | "type_switch_statement"
                | "func_literal" => {
                    declarations.push(node);
                }
                _ => {}
            }
            true
        });
        for node in declarations {
            match node.kind_name() {
                "var_spec" => {
                    let stated = node.field("type").and_then(|t| self.type_key(t));
                    let values = expressions(node.field("value"));
                    let mut cursor = node.walk();
                    let names: Vec<Node<'t>> =
                        node.children_by_field_name("name", &mut cursor).collect();
                    for (i, name) in names.into_iter().enumerate() {
                        let ty = stated
                            .clone()
                            .or_else(|| values.get(i).and_then(|v| self.type_of(*v, &out)));
                        out.insert(self.b.text(name).into_owned(), ty);
                    }
                }
                "short_var_declaration" => {
                    let left = expressions(node.field("left"));
                    let right = expressions(node.field("right"));
                    for (i, name) in left.into_iter().enumerate() {
                        if name.kind_name() != "identifier" {
                            continue;
                        }
                        // `v, err := f()`: the first name is the call's first result.
                        let value =
                            if right.len() == 1 && i == 0 { right.first() } else { right.get(i) };
                        let value = if right.len() == 1 && i > 0 { None } else { value };
                        let ty = value.and_then(|v| self.type_of(*v, &out));
                        out.insert(self.b.text(name).into_owned(), ty);
                    }
                }
                "range_clause" | "receive_statement" => {
                    for name in expressions(node.field("left")) {
                        if name.kind_name() == "identifier" {
                            out.insert(self.b.text(name).into_owned(), None);
                        }
                    }
                }
                "const_spec" => {
                    let mut cursor = node.walk();
                    for name in node.children_by_field_name("name", &mut cursor) {
                        out.insert(self.b.text(name).into_owned(), None);
                    }
                }
                "type_switch_statement" => {
                    for name in expressions(node.field("alias")) {
                        out.insert(self.b.text(name).into_owned(), None);
                    }
                }
                "func_literal" => {
                    if let Some(list) = node.field("parameters") {
                        self.parameters(list, &mut out);
                    }
                }
                _ => {}
            }
        }
        out.remove("_");
        out
    }

    /// The names of a parameter list, typed by their declared types.
    fn parameters(&self, list: Node<'t>, out: &mut Locals) {
        if list.kind_name() != "parameter_list" {
            return;
        }
        let mut cursor = list.walk();
        for param in list.named_children(&mut cursor) {
            let ty = param.field("type");
            // A variadic `xs ...T` is a slice: no methods to call.
            let ty = if param.kind_name() == "variadic_parameter_declaration" {
                None
            } else {
                ty.and_then(|t| self.type_key(t))
            };
            let mut names = param.walk();
            for name in param.children_by_field_name("name", &mut names) {
                out.insert(self.b.text(name).into_owned(), ty.clone());
            }
        }
    }

    /// The type of the value of `expr`, as far as declarations say (see the module
    /// docs of `go`): `None` when it is not known.
    pub(super) fn type_of(&self, expr: Node<'_>, locals: &Locals) -> Option<Ty> {
        self.type_at(expr, locals, 0)
    }

    /// [`Self::type_of`] `depth` operands down a chain (`a.b().c.d()`): chains longer
    /// than [`MAX_CHAIN`] are not typed, which keeps the recursion bounded and the
    /// work per call site constant (each call of a chain types the chain below it).
    fn type_at(&self, expr: Node<'_>, locals: &Locals, depth: usize) -> Option<Ty> {
        if depth > MAX_CHAIN {
            return None;
        }
        let mut current = expr;
        for _ in 0..crate::MAX_DEPTH {
            match current.kind_name() {
                "identifier" => {
                    let name = self.b.text(current);
                    if let Some(local) = locals.get(name.as_ref()) {
                        return local.clone();
                    }
                    if let Some(global) = self.globals.get(name.as_ref()) {
                        return global.clone();
                    }
                    if self.imports.contains_key(name.as_ref())
                        || self.funcs.contains_key(name.as_ref())
                        || self.types.contains_key(name.as_ref())
                    {
                        return None;
                    }
                    // A package-level variable of another file of the package: its
                    // type is what that file exports under its key.
                    return Some(Ty { key: format!("{}.{name}", self.pkg), inferred: true });
                }
                "parenthesized_expression" => current = current.named_child(0)?,
                "unary_expression" => {
                    let op = current.field("operator")?;
                    if !matches!(op.kind_name(), "&" | "*") {
                        return None;
                    }
                    current = current.field("operand")?;
                }
                "composite_literal" => return self.type_key(current.field("type")?),
                "type_assertion_expression" => return self.type_key(current.field("type")?),
                "selector_expression" => {
                    let operand = current.field("operand")?;
                    let field = self.b.text(current.field("field")?);
                    if let Some(path) = self.imported(operand, locals) {
                        // A variable of an imported package.
                        return Some(Ty {
                            key: format!("{MODULE_PREFIX}{path}.{field}"),
                            inferred: true,
                        });
                    }
                    let owner = self.type_at(operand, locals, depth + 1)?;
                    if let Some(local) = self.local_type(&owner.key) {
                        if let Some(t) = self.fields.get(&(local.to_owned(), field.to_string())) {
                            return Some(Ty { key: t.key.clone(), inferred: owner.inferred });
                        }
                    }
                    return Some(Ty { key: format!("{}.{field}", owner.key), inferred: true });
                }
                "call_expression" => return self.call_type(current, locals, depth + 1),
                _ => return None,
            }
        }
        None
    }

    /// The type of a call's (first) result.
    fn call_type(&self, call: Node<'_>, locals: &Locals, depth: usize) -> Option<Ty> {
        let function = call.field("function")?;
        match function.kind_name() {
            "identifier" => {
                let name = self.b.text(function);
                if locals.contains_key(name.as_ref()) || self.globals.contains_key(name.as_ref()) {
                    return None;
                }
                if name == "new" {
                    let args = call.field("arguments")?;
                    return self.type_key(args.named_child(0)?);
                }
                if let Some(&f) = self.funcs.get(name.as_ref()) {
                    return self.results.get(&f).cloned();
                }
                if self.types.contains_key(name.as_ref()) {
                    return Some(Ty { key: format!("{}.{name}", self.pkg), inferred: false });
                }
                if BUILTIN_FUNCS.contains(&name.as_ref()) || BUILTIN_TYPES.contains(&name.as_ref())
                {
                    return None;
                }
                Some(Ty { key: keys::returns(&format!("{}.{name}", self.pkg)), inferred: true })
            }
            "selector_expression" => {
                let operand = function.field("operand")?;
                let field = self.b.text(function.field("field")?);
                if let Some(path) = self.imported(operand, locals) {
                    return Some(Ty {
                        key: keys::returns(&format!("{}{path}.{field}", keys::GO_MODULE)),
                        inferred: true,
                    });
                }
                let owner = self.type_at(operand, locals, depth)?;
                if let Some(local) = self.local_type(&owner.key) {
                    if let Some(m) = self.methods.get(&(local.to_owned(), field.to_string())) {
                        return self.results.get(m).cloned();
                    }
                }
                Some(Ty { key: keys::returns(&format!("{}.{field}", owner.key)), inferred: true })
            }
            "parenthesized_expression" => {
                // `(*T)(x)`, `(T)(x)`: a conversion.
                let inner = function.named_child(0)?;
                self.type_key(inner).or_else(|| match inner.kind_name() {
                    "unary_expression" => self.type_key(inner.field("operand")?),
                    _ => None,
                })
            }
            _ => None,
        }
    }

    /// The import path `operand` names, when it is an imported package's name that no
    /// local shadows.
    pub(super) fn imported(&self, operand: Node<'_>, locals: &Locals) -> Option<&str> {
        if operand.kind_name() != "identifier" {
            return None;
        }
        let name = self.b.text(operand);
        if locals.contains_key(name.as_ref()) || self.globals.contains_key(name.as_ref()) {
            return None;
        }
        self.imports.get(name.as_ref()).map(String::as_str)
    }

    /// The name of a type of this file, when `key` is one (`go:pkg.T` → `T`).
    pub(super) fn local_type<'k>(&self, key: &'k str) -> Option<&'k str> {
        let name = key.strip_prefix(&self.pkg)?.strip_prefix('.')?;
        self.types.contains_key(name).then_some(name)
    }
}

/// The expressions of an `expression_list` (or the one expression that stands for it).
fn expressions(list: Option<Node<'_>>) -> Vec<Node<'_>> {
    let Some(list) = list else { return Vec::new() };
    if list.kind_name() != "expression_list" {
        return vec![list];
    }
    let mut cursor = list.walk();
    let out = list.named_children(&mut cursor).filter(|c| c.kind_name() != "comment").collect();
    out
}
