//! C++ scopes: what a written name means where it is written (C++'s lookup order:
//! locals, the class and its bases, the enclosing namespaces, `using namespace`s,
//! the global namespace), the locals of a body with their declared types, and the
//! types of expressions a method is called on. Names this file does not define
//! become keys of the file's lookup scopes, whose star rows the linker walks.

use super::lower::{declared_name, first_type_argument, variable_name, written_type};
use super::*;
use crate::walk;
use crate::walk::{Fields, Kinds};
use model::Provenance;

/// How deep the typing of one expression may go (chains, `auto` locals initialised
/// from other locals, aliases of aliases).
const MAX_EVAL_DEPTH: usize = 16;

/// The start of the key of a name from the global namespace (`cpp:.A`).
const CPP_GLOBAL: &str = "cpp:.";

/// How many overloads of one arity a call is `inferred` to, each an edge; more
/// become one keyed edge.
const MAX_CANDIDATES: usize = 8;

/// How many classes a member look-up visits through the bases of this file.
const MAX_BASES_VISITED: usize = 64;

/// A resolved type: a class of this file, or a key the linker resolves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Ty {
    Here(usize),
    Key {
        key: String,
        /// The qualified name as written (`std::vector`), shown when unresolved.
        name: String,
        /// Reached through a heuristic (another file's declared return type).
        inferred: bool,
    },
}

/// The type of a value, and what `->` on it reaches (a pointer's or smart
/// pointer's target; `None`: the type itself, as for a raw pointer `A* p`).
#[derive(Clone, Debug)]
pub(super) struct Val {
    pub ty: Ty,
    pub pointee: Option<Ty>,
    /// A container's element (its first template argument), for range `for`, `v[i]`,
    /// `front()`, `back()` and `at()`.
    pub element: Option<Box<Val>>,
}

impl Val {
    fn of(ty: Ty) -> Val {
        Val { ty, pointee: None, element: None }
    }

    /// A pointer to `ty`: `->` reaches it.
    fn to(ty: Ty) -> Val {
        Val { ty: ty.clone(), pointee: Some(ty), element: None }
    }
}

/// Methods of a container that give one of its elements.
const ELEMENT_ACCESSORS: &[&str] = &["front", "back", "at", "top"];

/// What a local name is: its declared type, the initializer an `auto` one takes its
/// type from, or a name whose type is unknown (it still hides members and functions).
#[derive(Clone, Copy)]
pub(super) enum Local<'t> {
    Typed(Node<'t>),
    Init(Node<'t>),
    /// A range `for`'s `auto` variable: an element of this expression.
    Element(Node<'t>),
    Unknown,
}

/// The locals of a body by name.
pub(super) type Locals<'t> = HashMap<String, Local<'t>>;

/// Where a call goes, before it becomes edge targets.
#[derive(Clone)]
pub(super) enum Callee {
    /// Nodes of this file; exact when there is one and the look-up was certain.
    Nodes(Vec<NodeIdx>, bool),
    /// A key for the linker.
    Key { key: String, name: String, inferred: bool },
    /// Unresolvable (a local called as a function, an object-like macro, a
    /// dynamic callee): by its text.
    Name(String),
}

/// The parameters and locals of `syntax` (a function definition's parameters when
/// `is_function`, and every declaration inside: C++'s block scopes are not told
/// apart, a name declared in one block is taken as local in the whole body).
pub(super) fn locals<'t>(syntax: Node<'t>, is_function: bool, src: &[u8]) -> Locals<'t> {
    let mut out = Locals::new();
    let add = |declarator: Option<Node<'t>>, ty: Option<Node<'t>>, out: &mut Locals<'t>| {
        let Some(d) = declarator else { return };
        let Some(name) = variable_name(d, src) else { return };
        let auto = ty.is_some_and(|t| t.kind_name() == "placeholder_type_specifier");
        let local = match (ty, auto) {
            (_, true) => match d.kind_name() {
                "init_declarator" => d.field("value").map_or(Local::Unknown, Local::Init),
                _ => Local::Unknown,
            },
            (Some(t), false) => Local::Typed(t),
            (None, false) => Local::Unknown,
        };
        out.insert(name, local);
    };
    let mut roots = Vec::new();
    if is_function {
        if let Some(d) = syntax.field("declarator") {
            if let Some(name) = super::lower::function_name(d, src) {
                if let Some(params) = name.declarator.field("parameters") {
                    roots.push(params);
                }
            }
        }
        roots.extend(syntax.field("body"));
    } else {
        roots.push(syntax);
    }
    for root in roots {
        walk::preorder(root, |node| {
            match node.kind_name() {
                "parameter_declaration" | "optional_parameter_declaration" => {
                    add(node.field("declarator"), node.field("type"), &mut out);
                }
                "for_range_loop"
                    if node
                        .field("type")
                        .is_some_and(|t| t.kind_name() == "placeholder_type_specifier") =>
                {
                    let name = node.field("declarator").and_then(|d| variable_name(d, src));
                    if let (Some(name), Some(range)) = (name, node.field("right")) {
                        out.insert(name, Local::Element(range));
                    }
                }
                "declaration" | "for_range_loop" => {
                    let ty = node.field("type");
                    let mut cursor = node.walk();
                    let declarators: Vec<Node<'t>> =
                        node.children_by_field_name("declarator", &mut cursor).collect();
                    for d in declarators {
                        if super::lower::function_name(d, src).is_none() {
                            add(Some(d), ty, &mut out);
                        }
                    }
                }
                _ => {}
            }
            true
        });
    }
    out
}

impl<'s, 't> Px<'s, 't> {
    /// The key of class `ci`.
    pub(super) fn class_key(&self, ci: usize) -> String {
        key(&self.classes[ci].path)
    }

    /// A type's key.
    pub(super) fn ty_key(&self, ty: &Ty) -> String {
        match ty {
            Ty::Here(ci) => self.class_key(*ci),
            Ty::Key { key, .. } => key.clone(),
        }
    }

    /// `segs` with a first segment that a `using ns::X;` or a namespace alias names
    /// replaced by what it stands for.
    fn renamed(&self, segs: &[String]) -> Vec<String> {
        match segs.first().and_then(|first| self.renames.get(first)) {
            Some(target) => target.iter().chain(&segs[1..]).cloned().collect(),
            None => segs.to_vec(),
        }
    }

    /// The namespaces a name written in `ctx` is looked up in after its class: the
    /// enclosing ones innermost first, the `using namespace`s, the global one.
    fn namespace_scopes(&self, ctx: &Ctx) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> =
            (1..=ctx.ns.len()).rev().map(|n| ctx.ns[..n].to_vec()).collect();
        for u in &self.usings {
            if !out.contains(u) {
                out.push(u.clone());
            }
        }
        out.push(Vec::new());
        out
    }

    /// The key a name this file does not define gets in `ctx`: `cpp:.NAME` when
    /// nothing but the global namespace is in scope, else under the file's lookup
    /// scope for `ctx`, whose star rows are exported.
    pub(super) fn keyed(&mut self, ctx: &Ctx, segs: &[String], global: bool) -> Ty {
        let name = segs.join("::");
        if global || (ctx.class.is_none() && ctx.ns.is_empty() && self.usings.is_empty()) {
            return Ty::Key { key: key(segs), name, inferred: false };
        }
        let class = match &ctx.class {
            Some(ClassRef::Here(ci)) => Some(self.classes[*ci].path.clone()),
            Some(ClassRef::Elsewhere(p)) => Some(p.clone()),
            None => None,
        };
        let scope = scope_key(self.b.path, &ctx.ns, class.as_deref());
        if !self.scopes_used.contains_key(&scope) {
            let mut targets = Vec::new();
            match &ctx.class {
                Some(ClassRef::Here(ci)) => targets.push(self.class_key(*ci)),
                Some(ClassRef::Elsewhere(p)) => targets.push(key(p)),
                None => {}
            }
            for ns in self.namespace_scopes(ctx) {
                targets.push(key(&ns));
            }
            self.scopes_used.insert(scope.clone(), targets);
        }
        let mut full = scope;
        for seg in segs {
            full.push('.');
            full.push_str(seg);
        }
        Ty::Key { key: full, name, inferred: false }
    }

    /// What the type `w`, written in `ctx`, is.
    pub(super) fn resolve_type(&mut self, w: &Written, ctx: &Ctx, depth: usize) -> Option<Ty> {
        if depth > MAX_EVAL_DEPTH || w.segs.is_empty() {
            return None;
        }
        let segs = self.renamed(&w.segs);
        if !w.global && ctx.tparams.contains(&segs[0]) {
            return None;
        }
        let mut scopes = Vec::new();
        if !w.global {
            match &ctx.class {
                Some(ClassRef::Here(ci)) => {
                    let path = self.classes[*ci].path.clone();
                    for n in (1..=path.len()).rev() {
                        scopes.push(path[..n].to_vec());
                    }
                }
                Some(ClassRef::Elsewhere(p)) => scopes.push(p.clone()),
                None => {}
            }
            scopes.extend(self.namespace_scopes(ctx));
        } else {
            scopes.push(Vec::new());
        }
        for scope in scopes {
            let mut path = scope;
            path.extend(segs.iter().cloned());
            if let Some(&ci) = self.class_paths.get(&path) {
                return Some(Ty::Here(ci));
            }
            if let Some((target, at)) = self.aliases.get(&path).cloned() {
                return self.resolve_type(&target, &at, depth + 1);
            }
        }
        let mut ty = self.keyed(ctx, &segs, w.global);
        // Shown when nothing under the root defines it: an unqualified type of a file
        // whose one `using namespace` is `X` is most likely `X`'s (`vector` after
        // `using namespace std` is `std::vector`).
        if let (Ty::Key { name, .. }, [only]) = (&mut ty, self.usings.as_slice()) {
            if !w.global && segs.len() == 1 {
                *name = format!("{}::{name}", only.join("::"));
            }
        }
        Some(ty)
    }

    /// The value of a declared type: through a smart pointer's `->` to its argument.
    fn val_of(&mut self, w: &Written, ctx: &Ctx, depth: usize) -> Option<Val> {
        let ty = self.resolve_type(w, ctx, depth)?;
        let pointee = match &w.pointee {
            Some(p) => self.resolve_type(p, ctx, depth + 1),
            None => None,
        };
        let element = match &w.element {
            Some(e) if depth < MAX_EVAL_DEPTH => self.val_of(e, ctx, depth + 1).map(Box::new),
            _ => None,
        };
        Some(Val { ty, pointee, element })
    }

    /// The classes `ci` derives from in this file, `ci` first, breadth first, and
    /// whether a base outside this file was met.
    fn lineage(&mut self, ci: usize) -> (Vec<usize>, bool) {
        let mut out = vec![ci];
        let mut foreign = false;
        let mut i = 0;
        while i < out.len() && out.len() < MAX_BASES_VISITED {
            let c = out[i];
            i += 1;
            let bases = self.classes[c].bases.clone();
            let ctx = self.classes[c].ctx.clone();
            for (w, _) in bases {
                match self.resolve_type(&w, &ctx, 0) {
                    Some(Ty::Here(b)) if !out.contains(&b) => out.push(b),
                    Some(Ty::Here(_)) => {}
                    _ => foreign = true,
                }
            }
        }
        (out, foreign)
    }

    /// Class `ci`, or the first of its bases in this file, that has methods named
    /// `name`.
    fn find_member(&mut self, ci: usize, name: &str) -> Option<usize> {
        let (lineage, _) = self.lineage(ci);
        let name = name.to_owned();
        lineage.into_iter().find(|&c| self.methods.contains_key(&(c, name.clone())))
    }

    /// The declared type of field `name` of class `ci` or its bases in this file.
    fn field(&mut self, ci: usize, name: &str) -> Option<(Written, Ctx)> {
        let (lineage, _) = self.lineage(ci);
        lineage.into_iter().find_map(|c| {
            self.fields.get(&(c, name.to_owned())).map(|w| {
                let ctx = Ctx { class: Some(ClassRef::Here(c)), ..self.classes[c].ctx.clone() };
                (w.clone(), ctx)
            })
        })
    }

    /// A call with `args` arguments of one of `infos`, the overloads of `path`'s
    /// function (free, or a method of a class whose key `owner` is): the overloads
    /// that take that many arguments (all of them when none does); a declaration
    /// without a definition here is the key of its definition elsewhere.
    fn pick(&mut self, from: Overloads, args: usize, path: &[String]) -> Callee {
        // Calls of one name and arity are many where overloads are: chosen once.
        let memo_key = (key(path), args);
        if let Some(found) = self.picked.get(&memo_key) {
            return found.clone();
        }
        let infos = match &from {
            Overloads::Free(p) => self.functions.get(p),
            Overloads::Method(c, n) => self.methods.get(&(*c, n.clone())),
        };
        let found =
            choose(infos.map_or(&[][..], Vec::as_slice), args, memo_key.0.clone(), path.join("::"));
        self.picked.insert(memo_key, found.clone());
        found
    }
}

/// Where the overloads [`Px::pick`] chooses from are: free functions of a path, or
/// the methods of a class by name.
enum Overloads {
    Free(Vec<String>),
    Method(usize, String),
}

/// [`Px::pick`]'s choice.
fn choose(infos: &[FnInfo], args: usize, path_key: String, name: String) -> Callee {
    {
        let fits: Vec<&FnInfo> = infos
            .iter()
            .filter(|f| f.min_args <= args && f.max_args.is_none_or(|m| args <= m))
            .collect();
        let chosen: Vec<&FnInfo> = if fits.is_empty() { infos.iter().collect() } else { fits };
        let nodes: Vec<NodeIdx> = chosen.iter().filter_map(|f| f.node).collect();
        if nodes.is_empty() {
            return Callee::Key { key: path_key, name, inferred: false };
        }
        if nodes.len() > MAX_CANDIDATES {
            // Too many overloads of one arity to list: the key, which the store links
            // to one of them, `inferred`.
            return Callee::Key { key: path_key, name, inferred: true };
        }
        // A prototype of this file's definition is the same function.
        let exact = nodes.len() == 1;
        Callee::Nodes(nodes, exact)
    }
}

impl<'s, 't> Px<'s, 't> {
    /// A call of method `name` of class `ci` (a receiver's type, or the class whose
    /// member is running): this file's definition, or the key of the class's member.
    fn method_call(&mut self, ci: usize, name: &str, args: usize) -> Callee {
        if name == self.classes[ci].name {
            return self.constructor(ci, args);
        }
        match self.find_member(ci, name) {
            Some(c) => {
                let mut path = self.classes[c].path.clone();
                path.push(name.to_owned());
                self.pick(Overloads::Method(c, name.to_owned()), args, &path)
            }
            None => {
                let mut path = self.classes[ci].path.clone();
                path.push(name.to_owned());
                Callee::Key { key: key(&path), name: path.join("::"), inferred: false }
            }
        }
    }

    /// A call of class `ci` (`A(1)`, `new A(1)`, `A a(1);`): its constructor of that
    /// arity, or the class when it declares none.
    pub(super) fn constructor(&mut self, ci: usize, args: usize) -> Callee {
        let name = self.classes[ci].name.clone();
        if !self.methods.contains_key(&(ci, name.clone())) {
            return Callee::Nodes(vec![self.classes[ci].node], true);
        }
        let mut path = self.classes[ci].path.clone();
        path.push(name.clone());
        self.pick(Overloads::Method(ci, name), args, &path)
    }

    /// A call of a type's method: a class of this file's, or the key under the type's.
    pub(super) fn typed_call(&mut self, ty: &Ty, name: &str, args: usize) -> Callee {
        match ty {
            Ty::Here(ci) => self.method_call(*ci, name, args),
            Ty::Key { key: type_key, name: shown, inferred } => {
                // A class defined elsewhere whose method this file defines out of line.
                if let Some(path) = type_key.strip_prefix(CPP_GLOBAL) {
                    let mut path: Vec<String> = path.split('.').map(str::to_owned).collect();
                    path.push(name.to_owned());
                    let defined = self
                        .functions
                        .get(&path)
                        .is_some_and(|infos| infos.iter().any(|f| f.node.is_some()));
                    if defined {
                        return self.pick(Overloads::Free(path.clone()), args, &path);
                    }
                }
                Callee::Key {
                    key: format!("{type_key}.{name}"),
                    name: format!("{shown}::{name}"),
                    inferred: *inferred,
                }
            }
        }
    }

    /// The constructor a construction of the written type `w` calls.
    pub(super) fn construct(&mut self, w: &Written, ctx: &Ctx, args: usize) -> Option<Callee> {
        let ty = self.resolve_type(w, ctx, 0)?;
        let last = w.segs.last()?.clone();
        Some(match ty {
            Ty::Here(ci) => self.constructor(ci, args),
            Ty::Key { key, name, inferred } => Callee::Key {
                key: format!("{key}.{last}"),
                name: format!("{name}::{last}"),
                inferred,
            },
        })
    }

    /// A call of the unqualified name `name` with `args` arguments in `ctx`.
    pub(super) fn name_call(
        &mut self,
        name: &str,
        args: usize,
        ctx: &Ctx,
        locals: &Locals<'t>,
    ) -> Callee {
        if locals.contains_key(name) {
            return Callee::Name(name.to_owned());
        }
        match &ctx.class {
            Some(ClassRef::Here(ci)) => {
                let ci = *ci;
                if self.find_member(ci, name).is_some() {
                    return self.method_call(ci, name, args);
                }
            }
            Some(ClassRef::Elsewhere(p)) => {
                let mut path = p.clone();
                path.push(name.to_owned());
                if self.functions.contains_key(&path) {
                    return self.pick(Overloads::Free(path.clone()), args, &path);
                }
            }
            None => {}
        }
        if let Some(found) = self.free_function(&[name.to_owned()], false, args, ctx) {
            return found;
        }
        if self.renames.contains_key(name) {
            let segs = self.renamed(&[name.to_owned()]);
            return self.qualified_call(&segs, true, args, ctx);
        }
        let as_type = Written { segs: vec![name.to_owned()], ..Written::default() };
        if let Some(Ty::Here(ci)) = self.resolve_type(&as_type, ctx, 0) {
            return self.constructor(ci, args);
        }
        if self.globals.contains_key(name) || self.object_macros.contains(name) {
            return Callee::Name(name.to_owned());
        }
        match self.keyed(ctx, &[name.to_owned()], false) {
            Ty::Key { key, name, inferred } => Callee::Key { key, name, inferred },
            Ty::Here(ci) => Callee::Nodes(vec![self.classes[ci].node], true),
        }
    }

    /// A free function (or macro) of this file that `segs`, written in `ctx`, names.
    fn free_function(
        &mut self,
        segs: &[String],
        global: bool,
        args: usize,
        ctx: &Ctx,
    ) -> Option<Callee> {
        let scopes = if global { vec![Vec::new()] } else { self.namespace_scopes(ctx) };
        for scope in scopes {
            let mut path = scope;
            path.extend(segs.iter().cloned());
            if self.functions.contains_key(&path) {
                return Some(self.pick(Overloads::Free(path.clone()), args, &path));
            }
        }
        None
    }

    /// A call of a qualified name (`A::f`, `ns::g`, `::g`): a free function of this
    /// file, a member of the class the scope names, or the key under that scope.
    pub(super) fn qualified_call(
        &mut self,
        segs: &[String],
        global: bool,
        args: usize,
        ctx: &Ctx,
    ) -> Callee {
        let segs = self.renamed(segs);
        let Some((name, owner)) = segs.split_last() else {
            return Callee::Name(String::new());
        };
        if owner.is_empty() {
            if let Some(found) = self.free_function(&segs, true, args, ctx) {
                return found;
            }
            return match self.keyed(ctx, &segs, true) {
                Ty::Key { key, name, inferred } => Callee::Key { key, name, inferred },
                Ty::Here(ci) => Callee::Nodes(vec![self.classes[ci].node], true),
            };
        }
        if let Some(found) = self.free_function(&segs, global, args, ctx) {
            return found;
        }
        let owner = Written { segs: owner.to_vec(), global, ..Written::default() };
        match self.resolve_type(&owner, ctx, 0) {
            Some(ty) => self.typed_call(&ty, name, args),
            None => Callee::Name(segs.join("::")),
        }
    }

    /// The path (and global flag) a callee names: an identifier, a qualified name or a
    /// template's name, template arguments dropped.
    pub(super) fn callee_path(&self, callee: Node<'_>) -> Option<(Vec<String>, bool)> {
        let (mut scope, name, global) = declared_name(callee, self.b.src)?;
        scope.push(name);
        Some((scope, global))
    }

    /// The type of the expression `expr` in `ctx`.
    pub(super) fn eval(
        &mut self,
        expr: Node<'t>,
        ctx: &Ctx,
        locals: &Locals<'t>,
        depth: usize,
    ) -> Option<Val> {
        if depth > MAX_EVAL_DEPTH {
            return None;
        }
        let src = self.b.src;
        match expr.kind_name() {
            "identifier" => {
                let name = walk::text(expr, src).into_owned();
                if let Some(local) = locals.get(&name).copied() {
                    return match local {
                        Local::Typed(t) => {
                            let w = written_type(t, src)?;
                            self.val_of(&w, ctx, depth + 1)
                        }
                        Local::Init(value) => self.eval(value, ctx, locals, depth + 1),
                        Local::Element(range) => {
                            self.eval(range, ctx, locals, depth + 1)?.element.map(|e| *e)
                        }
                        Local::Unknown => None,
                    };
                }
                if let Some(ClassRef::Here(ci)) = &ctx.class {
                    if let Some((w, at)) = self.field(*ci, &name) {
                        return self.val_of(&w, &at, depth + 1);
                    }
                }
                if let Some(ClassRef::Elsewhere(p)) = &ctx.class {
                    // A member of a class defined elsewhere, unless a local or global.
                    if !self.globals.contains_key(&name) {
                        let mut path = p.clone();
                        path.push(name.clone());
                        return Some(Val::of(Ty::Key {
                            key: key(&path),
                            name: path.join("::"),
                            inferred: true,
                        }));
                    }
                }
                let (w, at) = self.globals.get(&name).cloned().flatten()?;
                self.val_of(&w, &at, depth + 1)
            }
            "this" => {
                let ty = match ctx.class.clone()? {
                    ClassRef::Here(ci) => Ty::Here(ci),
                    ClassRef::Elsewhere(p) => {
                        Ty::Key { key: key(&p), name: p.join("::"), inferred: false }
                    }
                };
                Some(Val::to(ty))
            }
            "parenthesized_expression" => self.eval(expr.named_child(0)?, ctx, locals, depth + 1),
            "pointer_expression" => {
                let arg = expr.field("argument")?;
                let val = self.eval(arg, ctx, locals, depth + 1)?;
                let op = expr.field("operator").map(|o| o.kind_name());
                Some(match op {
                    Some("*") => Val::of(val.pointee.unwrap_or(val.ty)),
                    _ => Val::to(val.ty),
                })
            }
            "new_expression" => {
                let w = written_type(expr.field("type")?, src)?;
                let ty = self.resolve_type(&w, ctx, depth + 1)?;
                Some(Val::to(ty))
            }
            "subscript_expression" => {
                let arg = expr.field("argument")?;
                self.eval(arg, ctx, locals, depth + 1)?.element.map(|e| *e)
            }
            "field_expression" => {
                let arg = expr.field("argument")?;
                let field = expr.field("field")?;
                let arrow = expr.field("operator").is_some_and(|o| o.kind_name() == "->");
                let owner = self.eval(arg, ctx, locals, depth + 1)?;
                let owner = if arrow { owner.pointee.unwrap_or(owner.ty) } else { owner.ty };
                let name = walk::text(field, src).into_owned();
                match owner {
                    Ty::Here(ci) => {
                        let (w, at) = self.field(ci, &name)?;
                        self.val_of(&w, &at, depth + 1)
                    }
                    Ty::Key { key, name: shown, inferred } => Some(Val::of(Ty::Key {
                        key: format!("{key}.{name}"),
                        name: format!("{shown}::{name}"),
                        inferred,
                    })),
                }
            }
            "call_expression" => {
                let callee = expr.field("function")?;
                // `std::make_unique<A>(...)`: a smart pointer to an `A`.
                let template = match callee.kind_name() {
                    "template_function" => Some(callee),
                    "qualified_identifier" => {
                        callee.field("name").filter(|n| n.kind_name() == "template_function")
                    }
                    _ => None,
                };
                if let Some(t) = template {
                    let name = t.field("name").map(|n| walk::text(n, src).into_owned());
                    if let Some(smart) = name.as_deref().and_then(|n| match n {
                        "make_unique" => Some("unique_ptr"),
                        "make_shared" => Some("shared_ptr"),
                        _ => None,
                    }) {
                        let pointee = first_type_argument(t, src)
                            .and_then(|w| self.resolve_type(&w, ctx, depth + 1));
                        let ty = Ty::Key {
                            key: key(&["std".to_owned(), smart.to_owned()]),
                            name: format!("std::{smart}"),
                            inferred: false,
                        };
                        return Some(Val { ty, pointee, element: None });
                    }
                }
                // `v.front()`, `v.at(i)`: an element of a container.
                if callee.kind_name() == "field_expression" {
                    let field = callee.field("field").map(|f| walk::text(f, src));
                    if field.is_some_and(|f| ELEMENT_ACCESSORS.contains(&&*f)) {
                        let arg = callee.field("argument")?;
                        let arrow = callee.field("operator").is_some_and(|o| o.kind_name() == "->");
                        if let Some(owner) = self.eval(arg, ctx, locals, depth + 1) {
                            // Through a smart pointer the container's element is not
                            // known (its pointee is a type, not a value).
                            let owner = match (arrow, &owner.pointee) {
                                (true, Some(_)) => None,
                                _ => Some(owner),
                            };
                            if let Some(element) = owner.and_then(|o| o.element) {
                                return Some(*element);
                            }
                        }
                    }
                }
                let args = super::emit::argument_count(expr);
                let called = self.callee(callee, args, ctx, locals, depth + 1);
                match called {
                    Callee::Nodes(nodes, _) => {
                        let [one] = nodes.as_slice() else { return None };
                        if let Some(&ci) = self.class_nodes.get(one) {
                            return Some(Val::of(Ty::Here(ci)));
                        }
                        if let Some(&ci) = self.ctor_nodes.get(one) {
                            return Some(Val::of(Ty::Here(ci)));
                        }
                        let (w, at) = self.node_results.get(one).cloned()?;
                        self.val_of(&w, &at, depth + 1)
                    }
                    Callee::Key { key, name, .. } => Some(Val::of(Ty::Key {
                        key: keys::returns(&key),
                        name: format!("{name}()"),
                        inferred: true,
                    })),
                    Callee::Name(_) => None,
                }
            }
            _ => None,
        }
    }

    /// Where a call of `callee` with `args` arguments goes (see the module docs).
    pub(super) fn callee(
        &mut self,
        callee: Node<'t>,
        args: usize,
        ctx: &Ctx,
        locals: &Locals<'t>,
        depth: usize,
    ) -> Callee {
        let src = self.b.src;
        // The callee's text, read no further than what is shown: a callee can be a
        // chain as long as the file.
        let text = || {
            let end = callee
                .end_byte()
                .min(callee.start_byte() + 4 * crate::common::text::MAX_SHOWN_CHARS);
            short(&walk::collapse_ws(&String::from_utf8_lossy(&src[callee.start_byte()..end])))
        };
        match callee.kind_name() {
            "identifier" | "template_function" => match self.callee_path(callee) {
                Some((segs, _)) if segs.len() == 1 => self.name_call(&segs[0], args, ctx, locals),
                _ => Callee::Name(text()),
            },
            "qualified_identifier" => match self.callee_path(callee) {
                Some((segs, global)) => self.qualified_call(&segs, global, args, ctx),
                None => Callee::Name(text()),
            },
            "field_expression" => {
                let (Some(arg), Some(field)) = (callee.field("argument"), callee.field("field"))
                else {
                    return Callee::Name(text());
                };
                let name = match field.kind_name() {
                    "field_identifier" => walk::text(field, src).into_owned(),
                    "template_method" => match field.field("name") {
                        Some(n) => walk::text(n, src).into_owned(),
                        None => return Callee::Name(text()),
                    },
                    _ => return Callee::Name(text()),
                };
                let arrow = callee.field("operator").is_some_and(|o| o.kind_name() == "->");
                match self.eval(arg, ctx, locals, depth) {
                    Some(val) => {
                        let ty = if arrow { val.pointee.unwrap_or(val.ty) } else { val.ty };
                        self.typed_call(&ty, &name, args)
                    }
                    None => Callee::Name(text()),
                }
            }
            "parenthesized_expression" if callee.named_child_count() == 1 => {
                match callee.named_child(0) {
                    Some(inner) if inner.kind_name() == "identifier" => {
                        self.callee(inner, args, ctx, locals, depth)
                    }
                    _ => Callee::Name(text()),
                }
            }
            _ => Callee::Name(text()),
        }
    }

    /// The edge targets of a callee.
    pub(super) fn targets(&self, callee: Callee) -> Vec<crate::Target> {
        match callee {
            Callee::Nodes(nodes, exact) => {
                let provenance = if exact && nodes.len() == 1 {
                    Provenance::Exact
                } else {
                    Provenance::Inferred
                };
                nodes
                    .into_iter()
                    .map(|i| crate::Target::Node { id: self.b.nodes[i].id.clone(), provenance })
                    .collect()
            }
            Callee::Key { key, name, inferred } => vec![crate::Target::Key { key, name, inferred }],
            Callee::Name(name) => vec![crate::Target::Name(short(&name))],
        }
    }

    /// The key and shown name of a type, for edges to it.
    pub(super) fn ty_target(&self, ty: &Ty) -> crate::Target {
        match ty {
            Ty::Here(ci) => crate::Target::Node {
                id: self.b.nodes[self.classes[*ci].node].id.clone(),
                provenance: Provenance::Exact,
            },
            Ty::Key { key, name, inferred } => {
                crate::Target::Key { key: key.clone(), name: name.clone(), inferred: *inferred }
            }
        }
    }
}
