//! Rust receiver typing: the types of expressions, fields, declared and returned
//! types, and the methods a receiver's type (or its traits) gives a call.

use super::*;
use crate::walk::{Fields, Kinds};
use model::keys;

impl<'s, 't> Rs<'s, 't> {
    /// The key of a type, when it has one worth a symbol.
    pub(super) fn ty_key(&self, ty: &Ty) -> Option<String> {
        match ty {
            Ty::Node(idx) => self.keys.get(idx).cloned(),
            Ty::Key(key) if !keys::is_derived(key) => Some(key.clone()),
            _ => None,
        }
    }

    /// An inferred edge target: the node `idx`, found by a heuristic.
    pub(super) fn guessed(&self, idx: NodeIdx) -> Target {
        Target::Node { id: self.b.nodes[idx].id.clone(), provenance: Provenance::Inferred }
    }

    /// A method `m` of a trait of this file that the type `ty` of `scope` implements
    /// (or that the trait `ty` extends), searched through supertraits: the default
    /// method a call lands on when the type does not define `m` itself. A guess, since
    /// another trait in scope may define `m` too.
    pub(super) fn trait_method(&self, scope: usize, ty: &str, m: &str) -> Option<NodeIdx> {
        let mut queue = vec![(scope, ty.to_owned())];
        let mut seen = HashSet::new();
        while let Some(key) = queue.pop() {
            if seen.len() > 64 || !seen.insert(key.clone()) {
                continue;
            }
            for &t in self.trait_impls.get(&key).into_iter().flatten() {
                let ts = self.def_scope.get(&t).copied().unwrap_or(0);
                let name = self.b.nodes[t].name.clone();
                if let Some(&idx) = self.methods.get(&(ts, name.clone(), m.to_owned())) {
                    return Some(idx);
                }
                queue.push((ts, name));
            }
        }
        None
    }

    /// The type of an expression when it is evident: a variable's, `self`, a struct
    /// literal or unit struct, a field of a known struct, the declared return type of
    /// the function or method called (of this file, or by key from another file),
    /// `new`/`default` of an imported type, through `?`, `.await`, `unwrap()`.
    pub(super) fn expr_type(
        &mut self,
        expr: Node<'t>,
        owner: &Owner<'t>,
        vars: &Vars,
    ) -> Option<Ty> {
        if !self.type_depth.enter(MAX_TYPE_DEPTH) {
            return None;
        }
        let out = self.expr_type_inner(expr, owner, vars);
        self.type_depth.leave();
        out
    }

    pub(super) fn expr_type_inner(
        &mut self,
        expr: Node<'t>,
        owner: &Owner<'t>,
        vars: &Vars,
    ) -> Option<Ty> {
        let src = self.b.src;
        match expr.kind_name() {
            "identifier" => {
                let name = walk::text(expr, src).into_owned();
                if let Some(ty) = var_at(vars, &name, expr.start_byte()) {
                    return ty;
                }
                // A unit struct's value: `let d = Dog;`.
                match self.lookup(&name, owner.scope, &[Ns::Values]) {
                    Some((Binding::Node(idx), _)) if self.b.nodes[idx].kind == NodeKind::Struct => {
                        Some(Ty::Node(idx))
                    }
                    _ => None,
                }
            }
            "self" => owner.self_ty.as_ref().map(|_| Ty::Path(vec!["Self".to_owned()])),
            "struct_expression" => path_segs(expr.field("name")?, src).map(Ty::Path),
            "parenthesized_expression" | "reference_expression" | "await_expression" => {
                let inner = expr.field("value").or_else(|| expr.named_child(0))?;
                self.expr_type(inner, owner, vars)
            }
            "try_expression" => match self.expr_type(expr.named_child(0)?, owner, vars)? {
                Ty::Wrapped(inner) => Some(*inner),
                Ty::Key(key) => Some(Ty::Key(format!(
                    "{}.{}",
                    key.strip_suffix(&format!(".{}", keys::RETURN))?,
                    keys::RUST_OK
                ))),
                _ => None,
            },
            "field_expression" => {
                // A field of a struct of this file.
                let value = expr.field("value")?;
                let field = walk::text(expr.field("field")?, src).into_owned();
                let idx = match self.expr_type(value, owner, vars)? {
                    Ty::Node(idx) => idx,
                    Ty::Path(segs) if segs == ["Self"] => {
                        let st = owner.self_ty.as_ref()?;
                        self.local_type(st.scope, &st.name)?
                    }
                    _ => return None,
                };
                self.field_ty(idx, &field, owner)
            }
            "index_expression" => match self.expr_type(expr.named_child(0)?, owner, vars)? {
                Ty::Many(inner) => Some(*inner),
                _ => None,
            },
            "call_expression" => {
                let mut f = expr.field("function")?;
                if f.kind_name() == "generic_function" {
                    f = f.field("function")?;
                }
                match f.kind_name() {
                    "identifier" | "scoped_identifier" => {
                        let segs = path_segs(f, src)?;
                        let st = owner.self_ty.as_ref();
                        let n = segs.len();
                        match self.resolve_path(&segs, owner.scope, owner.idx, st, true) {
                            Target::Node { id, .. } => {
                                let idx = *self.by_id.get(&id)?;
                                match self.b.nodes[idx].kind {
                                    NodeKind::Struct => Some(Ty::Node(idx)),
                                    NodeKind::Function | NodeKind::Method => self.return_ty(idx),
                                    _ => None,
                                }
                            }
                            Target::Key { key, .. } if key.starts_with(keys::RUST_EXTERN) => {
                                (n >= 2 && matches!(segs[n - 1].as_str(), "new" | "default"))
                                    .then(|| Ty::Path(segs[..n - 1].to_vec()))
                            }
                            Target::Key { key, .. } => Some(Ty::Key(keys::returns(&key))),
                            Target::Name(_) => None,
                        }
                    }
                    "field_expression" => {
                        let value = f.field("value")?;
                        let m = walk::text(f.field("field")?, src).into_owned();
                        // What the standard wrappers' methods give.
                        let recv_ty = self.expr_type(value, owner, vars);
                        match (&recv_ty, m.as_str()) {
                            (
                                Some(Ty::Wrapped(inner)),
                                "unwrap" | "expect" | "unwrap_or_default" | "unwrap_or"
                                | "unwrap_or_else",
                            ) => return Some((**inner).clone()),
                            (Some(Ty::Lock(inner)), "lock" | "read" | "write" | "try_lock") => {
                                return Some(Ty::Wrapped(inner.clone()))
                            }
                            (Some(Ty::Lock(inner)), "borrow" | "borrow_mut" | "get_mut") => {
                                return Some((**inner).clone())
                            }
                            (Some(Ty::Many(_)), "iter" | "iter_mut" | "into_iter" | "drain") => {
                                return recv_ty
                            }
                            (
                                Some(Ty::Many(inner)),
                                "get" | "first" | "last" | "pop" | "get_mut",
                            ) => return Some(Ty::Wrapped(inner.clone())),
                            (Some(_), "clone" | "as_ref" | "as_mut" | "to_owned") => {
                                return recv_ty
                            }
                            _ => {}
                        }
                        match self.receiver_method(value, &m, owner, vars)? {
                            Target::Node { id, .. } => {
                                let idx = *self.by_id.get(&id)?;
                                self.return_ty(idx)
                            }
                            Target::Key { key, .. } if !key.starts_with(keys::RUST_EXTERN) => {
                                Some(Ty::Key(keys::returns(&key)))
                            }
                            _ => None,
                        }
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The declared return type of function or method `idx` of this file.
    pub(super) fn return_ty(&mut self, idx: NodeIdx) -> Option<Ty> {
        if let Some(known) = self.return_types.get(&idx) {
            return known.clone();
        }
        self.return_types.insert(idx, None);
        let found = self.fn_syntax.get(&idx).cloned().and_then(|(f, scope, st)| {
            let ty = f.field("return_type")?;
            self.declared_ty(ty, scope, st.as_ref(), idx)
        });
        self.return_types.insert(idx, found.clone());
        found
    }

    /// A declared type (a signature's), resolved from `scope`: references and smart
    /// pointers stripped, `Result`/`Option` wrapped, `Self` the impl's type.
    pub(super) fn declared_ty(
        &mut self,
        ty: Node<'t>,
        scope: usize,
        self_ty: Option<&SelfTy>,
        user: NodeIdx,
    ) -> Option<Ty> {
        let src = self.b.src;
        match ty.kind_name() {
            "reference_type" | "pointer_type" => {
                self.declared_ty(ty.field("type")?, scope, self_ty, user)
            }
            "abstract_type" | "dynamic_type" => {
                self.declared_ty(ty.field("trait")?, scope, self_ty, user)
            }
            "array_type" | "slice_type" => {
                let element = ty.field("element")?;
                let inner = self.declared_ty(element, scope, self_ty, user)?;
                Some(Ty::Many(Box::new(inner)))
            }
            "generic_type" => {
                let base = ty.field("type")?;
                let name = walk::text(base, src);
                let name = name.rsplit("::").next().unwrap_or(&name).to_owned();
                let first = || {
                    let args = ty.field("type_arguments")?;
                    let mut cursor = args.walk();
                    let found =
                        args.named_children(&mut cursor).find(|a| a.kind_name() != "lifetime");
                    found
                };
                match name.as_str() {
                    "Result" | "Option" => {
                        let inner = self.declared_ty(first()?, scope, self_ty, user)?;
                        Some(Ty::Wrapped(Box::new(inner)))
                    }
                    "Box" | "Rc" | "Arc" | "Cow" | "Pin" => {
                        self.declared_ty(first()?, scope, self_ty, user)
                    }
                    "Mutex" | "RwLock" | "RefCell" => {
                        let inner = self.declared_ty(first()?, scope, self_ty, user)?;
                        Some(Ty::Lock(Box::new(inner)))
                    }
                    "Vec" | "VecDeque" | "HashSet" | "BTreeSet" | "LinkedList" | "BinaryHeap" => {
                        let inner = self.declared_ty(first()?, scope, self_ty, user)?;
                        Some(Ty::Many(Box::new(inner)))
                    }
                    _ => self.declared_ty(base, scope, self_ty, user),
                }
            }
            "type_identifier" | "scoped_type_identifier" => {
                let segs = path_segs(ty, src)?;
                if segs == ["Self"] {
                    let st = self_ty?;
                    return match self.local_type(st.scope, &st.name) {
                        Some(idx) => Some(Ty::Node(idx)),
                        None => self.declared_path(std::slice::from_ref(&st.name), st.scope, user),
                    };
                }
                self.declared_path(&segs, scope, user)
            }
            _ => None,
        }
    }

    /// A type path resolved from `scope` to a type or trait of this file, or a key.
    pub(super) fn declared_path(
        &mut self,
        segs: &[String],
        scope: usize,
        user: NodeIdx,
    ) -> Option<Ty> {
        match self.resolve_path(segs, scope, user, None, false) {
            Target::Node { id, .. } => {
                let idx = *self.by_id.get(&id)?;
                matches!(
                    self.b.nodes[idx].kind,
                    NodeKind::Struct | NodeKind::Enum | NodeKind::Trait | NodeKind::TypeAlias
                )
                .then_some(Ty::Node(idx))
            }
            Target::Key { key, .. } => Some(Ty::Key(key)),
            Target::Name(_) => None,
        }
    }

    /// `value.m(...)`: through the simple receivers of [`Self::method_call`], else
    /// through the receiver expression's type.
    pub(super) fn receiver_method(
        &mut self,
        value: Node<'t>,
        m: &str,
        owner: &Owner<'t>,
        vars: &Vars,
    ) -> Option<Target> {
        if let Some(recv) = Recv::from_node(value, self.b.src) {
            if let Some(target) = self.method_call(recv, m, owner, vars, value.start_byte()) {
                return Some(target);
            }
        }
        let ty = self.expr_type(value, owner, vars)?;
        self.typed_method(ty, m, owner)
    }

    /// A method call on a receiver whose type is known: `self` (exact for the type's own
    /// methods), a variable with a declared type, a field of `self`, a unit struct.
    pub(super) fn method_call(
        &mut self,
        recv: Recv,
        m: &str,
        owner: &Owner<'t>,
        vars: &Vars,
        pos: usize,
    ) -> Option<Target> {
        match recv {
            Recv::SelfValue => self.self_method(m, owner.self_ty.as_ref()?),
            Recv::Var(name) => match var_at(vars, &name, pos) {
                Some(Some(ty)) => self.typed_method(ty, m, owner),
                Some(None) => None,
                None => match self.lookup(&name, owner.scope, &[Ns::Values]) {
                    // A unit struct's value: `Widget.run()`.
                    Some((Binding::Node(idx), _)) if self.b.nodes[idx].kind == NodeKind::Struct => {
                        let segs = [name, m.to_owned()];
                        match self.resolve_path(&segs, owner.scope, owner.idx, None, true) {
                            Target::Name(_) => None,
                            target => Some(target),
                        }
                    }
                    _ => None,
                },
            },
            Recv::SelfField(field) => {
                let st = owner.self_ty.as_ref()?;
                let ty_idx = self.local_type(st.scope, &st.name)?;
                let ty = self.field_ty(ty_idx, &field, owner)?;
                self.typed_method(ty, m, owner)
            }
        }
    }

    /// `m` on a value of the type `ty`: a guess, as the declaration may be shadowed and
    /// the method may come through `Deref` or another trait. A generic parameter's
    /// method is its bounds' (in order). Targets keyed by a return type carry an empty
    /// name: the caller shows the call's text.
    pub(super) fn typed_method(&mut self, ty: Ty, m: &str, owner: &Owner<'t>) -> Option<Target> {
        match ty {
            Ty::Path(segs) => {
                if let [single] = segs.as_slice() {
                    if let Some(bounds) = self.generics.get(single).cloned() {
                        return bounds
                            .into_iter()
                            .find_map(|b| self.typed_method(Ty::Path(b), m, owner));
                    }
                }
                let mut segs = segs;
                segs.push(m.to_owned());
                let st = owner.self_ty.as_ref();
                match self.resolve_path(&segs, owner.scope, owner.idx, st, true) {
                    Target::Name(_) => None,
                    target => Some(inferred(target)),
                }
            }
            Ty::Node(idx) => {
                let scope = self.def_scope.get(&idx).copied().unwrap_or(0);
                let name = self.b.nodes[idx].name.clone();
                if let Some(&found) = self.methods.get(&(scope, name.clone(), m.to_owned())) {
                    return Some(self.guessed(found));
                }
                if let Some(found) = self.trait_method(scope, &name, m) {
                    return Some(self.guessed(found));
                }
                // An impl or trait in another file: the store follows the type's rows.
                let key = format!("{}.{m}", self.keys.get(&idx)?);
                Some(Target::Key { name: key_path(&key), key, inferred: true })
            }
            Ty::Key(key) => {
                let key = format!("{key}.{m}");
                Some(Target::Key { name: key_path(&key), key, inferred: true })
            }
            Ty::Wrapped(_) | Ty::Lock(_) | Ty::Many(_) => None,
        }
    }

    /// The declared type of field `field` of the struct `idx` of this file.
    pub(super) fn field_ty(&mut self, idx: NodeIdx, field: &str, owner: &Owner<'t>) -> Option<Ty> {
        let ty = self.fields.get(&idx)?.iter().find(|(n, _)| *n == field)?.1;
        let scope = self.def_scope.get(&idx).copied().unwrap_or(owner.scope);
        self.declared_ty(ty, scope, None, owner.idx)
            .or_else(|| receiver_segs(ty, self.b.src).map(Ty::Path))
    }

    /// `self.m()` (or `Self::m`) in an `impl` or `trait` block: the type's own method
    /// (exact), else a default method of a trait of this file it implements (inferred).
    pub(super) fn self_method(&self, m: &str, st: &SelfTy) -> Option<Target> {
        if let Some(&idx) = self.methods.get(&(st.scope, st.name.clone(), m.to_owned())) {
            return Some(self.exact(idx));
        }
        self.trait_method(st.scope, &st.name, m).map(|idx| self.guessed(idx))
    }
}

/// The type path of a declared type, for method lookup: references, pointers and
/// generic arguments stripped, `dyn Trait`/`impl Trait` as the trait.
pub(super) fn receiver_segs(ty: Node<'_>, src: &[u8]) -> Option<Vec<String>> {
    let mut t = ty;
    loop {
        t = match t.kind_name() {
            "reference_type" | "pointer_type" | "generic_type" => t.field("type")?,
            "dynamic_type" | "abstract_type" => t.field("trait")?,
            "type_identifier" | "scoped_type_identifier" => return path_segs(t, src),
            _ => return None,
        };
    }
}

/// The name of an `impl` block's type without generics or references (`Foo` for
/// `impl<T> Trait for &Foo<T>`), and whether it is a plain name that may be defined
/// in the same scope (not `a::Foo`, `dyn Trait`, a tuple, ...).
pub(super) fn type_name(ty: Node<'_>, src: &[u8]) -> (String, bool) {
    let mut t = ty;
    let mut simple = true;
    loop {
        let next = match t.kind_name() {
            "generic_type" | "reference_type" | "pointer_type" => t.field("type"),
            "dynamic_type" | "abstract_type" => {
                simple = false;
                t.field("trait")
            }
            "scoped_type_identifier" => {
                simple = false;
                t.field("name")
            }
            "type_identifier" | "primitive_type" => {
                return (walk::text(t, src).into_owned(), simple);
            }
            _ => None,
        };
        match next {
            Some(n) => t = n,
            None => {
                let text: String = walk::text(t, src).split_whitespace().collect();
                return (text, false);
            }
        }
    }
}
