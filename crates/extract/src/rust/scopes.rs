//! Rust name resolution: the scope chain of items, `use` bindings and glob imports,
//! paths resolved to nodes or keys, supertrait and `impl` heads, and the local
//! variables and generic bounds of a body.

use super::*;
use crate::walk::{Fields, Kinds};
use model::keys;

impl<'s, 't> Rs<'s, 't> {
    /// The node of the type `name` when it is defined in `scope` itself.
    pub(super) fn local_type(&self, scope: usize, name: &str) -> Option<NodeIdx> {
        match self.scopes[scope].types.get(name) {
            Some(Binding::Node(idx))
                if matches!(
                    self.b.nodes[*idx].kind,
                    NodeKind::Struct | NodeKind::Enum | NodeKind::TypeAlias
                ) =>
            {
                Some(*idx)
            }
            _ => None,
        }
    }

    /// The module path of the module scope enclosing `scope`.
    pub(super) fn module_of(&self, scope: usize) -> &[String] {
        let mut s = scope;
        loop {
            if let Some(path) = &self.scopes[s].module {
                return path;
            }
            match self.scopes[s].parent {
                Some(p) => s = p,
                None => return &self.module_path,
            }
        }
    }

    /// The key of the module scope `scope` when its items are exported.
    pub(super) fn scope_key(&self, scope: usize) -> Option<String> {
        let sc = &self.scopes[scope];
        let module = sc.module.as_ref()?;
        if !sc.exported || self.b.nodes[sc.owner].qualified_name.contains('#') {
            return None;
        }
        Some(format!("{}{}:{}", keys::RUST, self.crate_dir, module.join(".")))
    }

    /// The key, absolute shown path and local definition of a `use` path seen from
    /// `scope`. A path starting with a module or type of the current module is
    /// relative to it; one starting with an unknown name names another crate.
    pub(super) fn resolve_use(
        &self,
        segs: &[String],
        scope: usize,
    ) -> (String, String, Option<NodeIdx>) {
        let head = segs[0].as_str();
        let external = |segs: &[String]| {
            (format!("{}{}", keys::RUST_EXTERN, segs.join(".")), segs.join("::"), None)
        };
        let abs = match head {
            "crate" | "self" | "super" => self.absolute(segs, scope),
            "" => return external(&segs[1..]),
            _ => match self.lookup(head, scope, &[Ns::Types]) {
                Some((Binding::Node(idx), _)) => {
                    let local = self.walk(self.place(idx), &segs[1..]);
                    // Relative to the module defining the name (it may come from a glob).
                    let home = self.def_scope.get(&idx).copied().unwrap_or(scope);
                    let mut abs = self.module_of(home).to_vec();
                    abs.extend_from_slice(segs);
                    let key = format!("{}{}:{}", keys::RUST, self.crate_dir, abs.join("."));
                    return (key, abs.join("::"), local);
                }
                Some((Binding::Import(imp), _)) => {
                    let rest = &segs[1..];
                    let local = imp.local.and_then(|l| self.walk(self.place(l), rest));
                    if rest.is_empty() {
                        return (imp.key, imp.shown, local);
                    }
                    let key = format!("{}.{}", imp.key, rest.join("."));
                    return (key, format!("{}::{}", imp.shown, rest.join("::")), local);
                }
                None => return external(segs),
            },
        };
        let key = format!("{}{}:{}", keys::RUST, self.crate_dir, abs.join("."));
        (key, abs.join("::"), self.local_abs(&abs))
    }

    /// `crate::a`, `self::a`, `super::super::a` as an absolute path (`crate`, ..., `a`).
    pub(super) fn absolute(&self, segs: &[String], scope: usize) -> Vec<String> {
        match segs[0].as_str() {
            "crate" => segs.to_vec(),
            "self" => {
                let mut abs = self.module_of(scope).to_vec();
                abs.extend_from_slice(&segs[1..]);
                abs
            }
            _ => {
                let ups = segs.iter().take_while(|s| *s == "super").count();
                let mut abs = self.module_of(scope).to_vec();
                for _ in 0..ups {
                    if abs.len() > 1 {
                        abs.pop();
                    }
                }
                abs.extend_from_slice(&segs[ups..]);
                abs
            }
        }
    }

    /// The definition of this file an absolute path names, if any.
    pub(super) fn local_abs(&self, abs: &[String]) -> Option<NodeIdx> {
        let rest = abs.strip_prefix(self.module_path.as_slice())?;
        self.walk(Place::Scope(0), rest)
    }

    /// Where a path continues from the definition `idx`: inside a module, or at an item.
    pub(super) fn place(&self, idx: NodeIdx) -> Place {
        if idx == 0 {
            return Place::Scope(0);
        }
        match self.mod_scopes.get(&idx) {
            Some(&s) => Place::Scope(s),
            None => Place::Item(idx),
        }
    }

    /// Follows `segs` from `start` through inline modules, types and their methods.
    pub(super) fn walk(&self, start: Place, segs: &[String]) -> Option<NodeIdx> {
        let mut place = start;
        for (k, seg) in segs.iter().enumerate() {
            place = match place {
                Place::Scope(s) => {
                    let sc = &self.scopes[s];
                    let found = if k + 1 == segs.len() {
                        sc.values.get(seg).or_else(|| sc.types.get(seg))
                    } else {
                        sc.types.get(seg)
                    };
                    match found {
                        Some(Binding::Node(idx)) => self.place(*idx),
                        Some(Binding::Import(Import { local: Some(idx), .. })) => self.place(*idx),
                        _ => {
                            // `Type::method` where the `impl` is here but the type is not.
                            if k + 2 == segs.len() {
                                let key = (s, seg.clone(), segs[k + 1].clone());
                                return self.methods.get(&key).copied();
                            }
                            return None;
                        }
                    }
                }
                Place::Item(idx) => {
                    let s = *self.def_scope.get(&idx)?;
                    let key = (s, self.b.nodes[idx].name.clone(), seg.clone());
                    Place::Item(*self.methods.get(&key)?)
                }
            };
        }
        Some(match place {
            Place::Scope(s) => self.scopes[s].owner,
            Place::Item(idx) => idx,
        })
    }

    /// The scopes a name is looked up in from `scope`: it and its enclosing function
    /// bodies, up to and including the module.
    pub(super) fn chain(&self, scope: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut current = Some(scope);
        while let Some(s) = current {
            out.push(s);
            if self.scopes[s].module.is_some() {
                break;
            }
            current = self.scopes[s].parent;
        }
        out
    }

    /// Looks `name` up from `scope` in the namespaces `order`; the second value is the
    /// glob `use` it came through, if any.
    pub(super) fn lookup(
        &self,
        name: &str,
        scope: usize,
        order: &[Ns],
    ) -> Option<(Binding, Option<String>)> {
        for s in self.chain(scope) {
            let sc = &self.scopes[s];
            for &ns in order {
                if let Some(b) = sc.ns(ns).get(name) {
                    return Some((b.clone(), None));
                }
            }
            for (g, written) in &sc.globs {
                for &ns in order {
                    if let Some(b) = self.scopes[*g].ns(ns).get(name) {
                        return Some((b.clone(), Some(written.clone())));
                    }
                }
            }
        }
        None
    }

    /// Notes that `user` uses an import (not for modules, whose imports are their `use`s).
    pub(super) fn note_import(&mut self, user: NodeIdx, import: &Import, via: Option<String>) {
        if self.b.nodes[user].kind == NodeKind::Module {
            return;
        }
        if let Some(name) = via.or_else(|| import.written.clone()) {
            self.b.use_import(user, &name);
        }
    }

    /// Notes that `user` reaches a definition of this file through a glob `use`.
    pub(super) fn note_glob(&mut self, user: NodeIdx, via: Option<String>) {
        if let Some(via) = via {
            if self.b.nodes[user].kind != NodeKind::Module {
                self.b.use_import(user, &via);
            }
        }
    }

    /// An exact edge target: the node `idx`.
    pub(super) fn exact(&self, idx: NodeIdx) -> Target {
        Target::Node { id: self.b.nodes[idx].id.clone(), provenance: Provenance::Exact }
    }

    /// Resolves a path (`f`, `Foo::new`, `crate::a::f`, `Self::new`, `fmt::Display`)
    /// seen from `scope` by `user`. `value` says a single name is looked up among
    /// functions first (a callee) rather than types (a trait).
    pub(super) fn resolve_path(
        &mut self,
        segs: &[String],
        scope: usize,
        user: NodeIdx,
        self_ty: Option<&SelfTy>,
        value: bool,
    ) -> Target {
        let shown = segs.join("::");
        let head = segs[0].as_str();
        match head {
            "crate" | "self" | "super" => {
                let abs = self.absolute(segs, scope);
                if let Some(idx) = self.local_abs(&abs) {
                    return self.exact(idx);
                }
                let key = format!("{}{}:{}", keys::RUST, self.crate_dir, abs.join("."));
                return Target::Key { key, name: abs.join("::"), inferred: false };
            }
            "" => return Target::Name(shown),
            "Self" => {
                let Some(st) = self_ty else { return Target::Name(shown) };
                if segs.len() == 2 {
                    if let Some(target) = self.self_method(&segs[1], st) {
                        return target;
                    }
                }
                let mut named = segs.to_vec();
                named[0] = st.name.clone();
                if named[0] == "Self" {
                    return Target::Name(shown);
                }
                return self.resolve_path(&named, scope, user, None, value);
            }
            _ => {}
        }
        if segs.len() == 1 {
            let order: &[Ns] =
                if value { &[Ns::Values, Ns::Types] } else { &[Ns::Types, Ns::Values] };
            return match self.lookup(head, scope, order) {
                Some((Binding::Node(idx), via)) => {
                    self.note_glob(user, via);
                    self.exact(idx)
                }
                Some((Binding::Import(imp), via)) => {
                    self.note_import(user, &imp, via);
                    match imp.local {
                        Some(idx) => self.exact(idx),
                        None => Target::Key { key: imp.key, name: imp.shown, inferred: false },
                    }
                }
                None => self.through_globs(segs, scope).unwrap_or(Target::Name(shown)),
            };
        }
        if segs.len() == 2 {
            for s in self.chain(scope) {
                if let Some(&idx) = self.methods.get(&(s, segs[0].clone(), segs[1].clone())) {
                    return self.exact(idx);
                }
            }
        }
        let rest = &segs[1..];
        let target = match self.lookup(head, scope, &[Ns::Types]) {
            Some((Binding::Node(idx), via)) => match self.walk(self.place(idx), rest) {
                Some(found) => {
                    self.note_glob(user, via);
                    self.exact(found)
                }
                None => Target::Name(shown),
            },
            Some((Binding::Import(imp), via)) => {
                self.note_import(user, &imp, via);
                if let Some(found) = imp.local.and_then(|l| self.walk(self.place(l), rest)) {
                    return self.exact(found);
                }
                return Target::Key {
                    key: format!("{}.{}", imp.key, rest.join(".")),
                    name: format!("{}::{}", imp.shown, rest.join("::")),
                    inferred: false,
                };
            }
            None => match self.through_globs(segs, scope) {
                Some(target) => return target,
                None => Target::Name(shown),
            },
        };
        // `Type::m` where `m` is a default method of a trait `Type` implements.
        if segs.len() == 2 {
            for s in self.chain(scope) {
                if let Some(idx) = self.trait_method(s, &segs[0], &segs[1]) {
                    return self.guessed(idx);
                }
            }
        }
        target
    }

    /// A path whose head is not bound, seen from a scope with glob `use`s of other
    /// files' modules: keyed under the module (whose star rows lead the store to the
    /// globbed modules), or under the one glob of a function body. Names of the
    /// standard prelude are not looked for.
    pub(super) fn through_globs(&self, segs: &[String], scope: usize) -> Option<Target> {
        if is_prelude(&segs[0]) {
            return None;
        }
        for s in self.chain(scope) {
            let Some(globs) = self.extern_globs.get(&s) else { continue };
            let base = match (self.scope_key(s), globs.as_slice()) {
                (Some(module_key), _) => module_key,
                (None, [one]) => one.clone(),
                _ => return None,
            };
            return Some(Target::Key {
                key: format!("{base}.{}", segs.join(".")),
                name: segs.join("::"),
                inferred: false,
            });
        }
        None
    }

    /// Resolves the supertrait or implemented trait of a head.
    pub(super) fn head(&mut self, head: Head<'t>) {
        let target = match path_segs(head.path, self.b.src) {
            Some(segs) => self.resolve_path(&segs, head.scope, head.src, None, false),
            None => {
                Target::Name(short(&walk::collapse_ws(&self.b.text(head.path)), MAX_SHOWN_CHARS))
            }
        };
        if let Target::Node { id, .. } = &target {
            if let Some(&idx) = self.by_id.get(id) {
                if self.b.nodes[idx].kind == NodeKind::Trait {
                    self.trait_impls.entry((head.scope, head.name.clone())).or_default().push(idx);
                }
            }
        }
        self.b.edge(head.kind, head.src, target, walk::line(head.path));
    }

    /// The trait bounds of the generic parameters of a function and of the `impl`
    /// around it (`<S: Store>`, `where T: Derived`), by parameter name.
    pub(super) fn generic_bounds(
        &self,
        idx: NodeIdx,
        function: Node<'t>,
    ) -> HashMap<String, Vec<Vec<String>>> {
        let src = self.b.src;
        let mut out: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        let mut add = |name: Node<'_>, bounds: Node<'_>| {
            let list = out.entry(walk::text(name, src).into_owned()).or_default();
            let mut cursor = bounds.walk();
            for bound in bounds.named_children(&mut cursor) {
                let bound = if bound.kind_name() == "generic_type" {
                    bound.field("type").unwrap_or(bound)
                } else {
                    bound
                };
                if let Some(segs) = path_segs(bound, src) {
                    list.push(segs);
                }
            }
        };
        let mut holders = vec![function];
        // `impl<T: Trait> Type<T> { fn f(&self) }`: the impl's generics too.
        holders.extend(self.impl_of.get(&idx).copied());
        for holder in holders {
            let mut cursor = holder.walk();
            for child in holder.named_children(&mut cursor) {
                match child.kind_name() {
                    "type_parameters" => {
                        let mut c = child.walk();
                        for p in child.named_children(&mut c) {
                            if let (Some(name), Some(bounds)) = (p.field("name"), p.field("bounds"))
                            {
                                add(name, bounds);
                            }
                        }
                    }
                    "where_clause" => {
                        let mut c = child.walk();
                        for p in child.named_children(&mut c) {
                            if let (Some(left), Some(bounds)) = (p.field("left"), p.field("bounds"))
                            {
                                if left.kind_name() == "type_identifier" {
                                    add(left, bounds);
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }

    /// The types of a body's variables from parameters (`x: &Foo`), `let`s (`let x:
    /// Foo`, or the type of the initializer when it is evident, see
    /// [`Self::expr_type`]) and `for` loops over collections of a known element type,
    /// in source order: a later binding of a name shadows an earlier one from where it
    /// takes effect. Names bound by other patterns (match arms, closures, `if let`)
    /// have unknown types. Each `shadowing` pattern comes with its `for` loop, if
    /// it is one's: asking tree-sitter for a node's parent walks down from the root,
    /// which made deeply nested closures quadratic.
    pub(super) fn var_types(
        &mut self,
        typed: &[Node<'t>],
        shadowing: &[(Node<'t>, Option<Node<'t>>)],
        owner: &Owner<'t>,
    ) -> Vars {
        let src = self.b.src;
        let mut vars: Vars = HashMap::new();
        let mut binders: Vec<(Node<'t>, Option<Node<'t>>)> =
            typed.iter().map(|&n| (n, None)).chain(shadowing.iter().copied()).collect();
        binders.sort_by_key(|(n, _)| n.start_byte());
        for (decl, for_loop) in binders {
            match decl.kind_name() {
                "let_declaration" | "parameter" => {
                    let Some(pattern) = decl.field("pattern") else { continue };
                    // A parameter applies from the start; a `let` after its statement.
                    let from = if decl.kind_name() == "parameter" { 0 } else { decl.end_byte() };
                    if pattern.kind_name() != "identifier" {
                        bind_unknown(&mut vars, pattern, from, src);
                        continue;
                    }
                    let ty = match decl.field("type") {
                        Some(ty) => self
                            .declared_ty(ty, owner.scope, owner.self_ty.as_ref(), owner.idx)
                            .or_else(|| receiver_segs(ty, src).map(Ty::Path)),
                        None => decl.field("value").and_then(|v| self.expr_type(v, owner, &vars)),
                    };
                    let name = walk::text(pattern, src).into_owned();
                    vars.entry(name).or_default().push((from, ty));
                }
                _ => {
                    // A `for` pattern (the node is the pattern; its loop is `for_loop`).
                    match (for_loop, decl.kind_name()) {
                        (Some(for_loop), "identifier") => {
                            let ty = for_loop
                                .field("value")
                                .and_then(|v| self.expr_type(v, owner, &vars))
                                .and_then(|t| match t {
                                    Ty::Many(inner) => Some(*inner),
                                    _ => None,
                                });
                            let name = walk::text(decl, src).into_owned();
                            vars.entry(name).or_default().push((decl.start_byte(), ty));
                        }
                        _ => bind_unknown(&mut vars, decl, decl.start_byte(), src),
                    }
                }
            }
        }
        vars
    }
}

/// Inserts a binding unless the name is already bound there (the first of cfg'd twins
/// wins; an item and a `use` of the same name cannot coexist in valid Rust).
pub(super) fn bind(map: &mut HashMap<String, Binding>, name: String, binding: Binding) {
    map.entry(name).or_insert(binding);
}

/// The Rust path a key stands for (`rs:extern:std.fmt.Display` → `std::fmt::Display`,
/// `rs:src/:crate.a.f` → `crate::a::f`); empty for keys made up from a return type,
/// whose call text reads better.
pub(super) fn key_path(key: &str) -> String {
    if keys::is_derived(key) || key.contains(keys::RUST_IMPL) {
        return String::new();
    }
    let path = match key.strip_prefix(keys::RUST_EXTERN) {
        Some(rest) => rest,
        None => {
            key.strip_prefix(keys::RUST).and_then(|k| k.split_once(':')).map_or(key, |(_, p)| p)
        }
    };
    path.replace('.', "::")
}

/// Marks every name a pattern binds as of unknown type from byte `from`.
pub(super) fn bind_unknown(vars: &mut Vars, pattern: Node<'_>, from: usize, src: &[u8]) {
    walk::preorder(pattern, |n| {
        if n.kind_name() == "identifier" {
            vars.entry(walk::text(n, src).into_owned()).or_default().push((from, None));
        }
        true
    });
}

/// Names of Rust's standard prelude (and common macros' helpers): never looked up
/// through glob imports.
pub(super) fn is_prelude(name: &str) -> bool {
    matches!(
        name,
        "Some"
            | "None"
            | "Ok"
            | "Err"
            | "Box"
            | "Vec"
            | "String"
            | "Option"
            | "Result"
            | "Default"
            | "Clone"
            | "Copy"
            | "Drop"
            | "Iterator"
            | "IntoIterator"
            | "From"
            | "Into"
            | "ToString"
            | "ToOwned"
            | "drop"
            | "Self"
            | "self"
            | "super"
            | "crate"
            | "std"
            | "core"
            | "alloc"
    )
}

/// The segments of a path expression or type path (`a::b::C`, `Foo::<T>::new`); a
/// leading `::` is an empty first segment. `None` for `<T as Trait>::f` and the like.
pub(super) fn path_segs(node: Node<'_>, src: &[u8]) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut current = Some(node);
    while let Some(n) = current {
        match n.kind_name() {
            "scoped_identifier" | "scoped_type_identifier" => {
                out.push(walk::text(n.field("name")?, src).into_owned());
                current = n.field("path");
                if current.is_none() {
                    out.push(String::new());
                }
            }
            "generic_type" => current = n.field("type"),
            "identifier" | "type_identifier" | "crate" | "self" | "super" | "metavariable" => {
                out.push(walk::text(n, src).into_owned());
                current = None;
            }
            _ => return None,
        }
    }
    out.reverse();
    Some(out)
}
