//! JavaScript/TypeScript lowering, pass 1: the explicit-stack walk that turns
//! definitions (functions, classes and their members, interfaces, type aliases, enums,
//! namespaces, object literals with methods) into nodes, with their signatures,
//! JSDoc and decorators. The walk and the handlers it schedules stay in one file (a
//! little over 800 lines): they share the work stack's ordering rules.

use super::*;
use crate::walk::{Fields, Kinds};

impl<'s, 't> Js<'s, 't> {
    /// Pass 1: schedules a walk of the code under `root` (not `root` itself) in
    /// `ctx`, which creates nodes for the definitions found and bindings for
    /// definitions, imports and locals. Definitions nested deeper than
    /// [`crate::MAX_DEPTH`] are skipped with a diagnostic.
    pub(super) fn walk(&mut self, root: Node<'t>, ctx: Ctx) {
        if ctx.depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(root));
            return;
        }
        let walker = Walker { cursor: root.walk(), root, ctx, anon: Vec::new(), descend: true };
        self.pending.push(Work::Walk(walker));
    }

    /// Runs the scheduled pass-1 work to completion. Work is kept on an explicit
    /// stack rather than the call stack, so that nesting costs heap, not stack: each
    /// step handles one syntax node or one member, and the work it schedules runs
    /// before the step's own work resumes, which keeps nodes in source order.
    pub(super) fn run(&mut self) {
        let mut stack: Vec<Work<'t>> = std::mem::take(&mut self.pending);
        stack.reverse();
        while let Some(top) = stack.last_mut() {
            let done = match top {
                Work::Walk(walker) => self.walk_step(walker),
                Work::ClassBody { class, members, next, decorators, ctx } => {
                    match members.get(*next) {
                        Some(&m) => {
                            *next += 1;
                            let rest = &members[*next..];
                            self.class_member(*class, m, rest, decorators, *ctx);
                            false
                        }
                        None => true,
                    }
                }
                Work::Members { members, next, kind, export, object_this, ctx } => {
                    match members.get(*next) {
                        Some(&m) => {
                            *next += 1;
                            self.object_member(m, *kind, *export, *object_this, *ctx);
                            false
                        }
                        None => true,
                    }
                }
                Work::Declarators { info, list, next, ctx } => match list.get(*next) {
                    Some(&d) => {
                        *next += 1;
                        self.declarator(d, info, *ctx);
                        false
                    }
                    None => true,
                },
            };
            if done {
                stack.pop();
            }
            let scheduled = std::mem::take(&mut self.pending);
            stack.extend(scheduled.into_iter().rev());
        }
    }

    /// Visits the next node of a walk; true when the walk is over.
    pub(super) fn walk_step(&mut self, w: &mut Walker<'t>) -> bool {
        let Some(node) = w.next() else { return true };
        while w.anon.last().is_some_and(|&(end, _)| node.start_byte() >= end) {
            w.anon.pop();
        }
        let scope = w.anon.last().map_or(w.ctx.scope, |&(_, s)| s);
        if node.kind_name() == "function_signature" {
            self.next_statement = self.statement_after(node, &w.cursor);
        }
        match self.visit(node, Ctx { scope, ..w.ctx }) {
            Visit::Skip => w.descend = false,
            Visit::Descend => w.descend = true,
            Visit::Enter(s) => {
                w.anon.push((node.end_byte(), s));
                w.descend = true;
            }
        }
        false
    }

    /// Handles one syntax node met by a walk (see [`Self::walk`]).
    pub(super) fn visit(&mut self, node: Node<'t>, ctx: Ctx) -> Visit {
        if self.claimed.contains(&node.id()) {
            return Visit::Skip;
        }
        match node.kind_name() {
            "import_statement" => {
                self.import_statement(node, ctx.scope);
                Visit::Skip
            }
            "export_statement" => {
                self.export_statement(node, ctx);
                Visit::Descend
            }
            "ambient_declaration" => self.ambient(node),
            "function_declaration" | "generator_function_declaration" | "function_signature" => {
                self.function_declaration(node, ctx)
            }
            "class_declaration" | "abstract_class_declaration" => self.class_declaration(node, ctx),
            "interface_declaration" => {
                self.interface(node, ctx);
                Visit::Skip
            }
            "type_alias_declaration" | "enum_declaration" => {
                self.type_declaration(node, ctx);
                Visit::Skip
            }
            "internal_module" | "module" => {
                self.namespace(node, ctx);
                Visit::Skip
            }
            "lexical_declaration" | "variable_declaration" => {
                self.declarators(node, ctx);
                Visit::Descend
            }
            "expression_statement" | "ERROR" => self.statement(node, ctx),
            "call_expression" => {
                self.bare_require(node);
                self.record_callbacks(node, ctx);
                if self.test_file && self.test_block_node(node, ctx) {
                    return Visit::Skip;
                }
                Visit::Descend
            }
            "new_expression" => {
                self.record_callbacks(node, ctx);
                Visit::Descend
            }
            "for_in_statement" => {
                self.for_of(node, ctx);
                Visit::Descend
            }
            "if_statement" | "ternary_expression" => {
                if let (Some(condition), Some(guarded)) =
                    (node.field("condition"), node.field("consequence"))
                {
                    self.narrow(condition, guarded, ctx);
                }
                Visit::Descend
            }
            "binary_expression"
                if node.field("operator").is_some_and(|o| o.kind_name() == "&&") =>
            {
                if let (Some(left), Some(right)) = (node.field("left"), node.field("right")) {
                    self.narrow(left, right, ctx);
                }
                Visit::Descend
            }
            "function_expression" | "generator_function" | "class"
                if self.promote.contains(&node.id()) =>
            {
                self.promoted(node, ctx);
                Visit::Skip
            }
            "arrow_function"
            | "function_expression"
            | "function"
            | "generator_function"
            | "method_definition" => Visit::Enter(self.function_scope(node, ctx.scope)),
            _ => Visit::Descend,
        }
    }

    /// Remembers the functions among the arguments of `call` (a call or a `new`), so
    /// that their untyped parameters are typed by the callee ([`Callback`]).
    pub(super) fn record_callbacks(&mut self, call: Node<'t>, ctx: Ctx) {
        let callee = call.field("function").or_else(|| call.field("constructor"));
        let (Some(callee), Some(args)) = (callee, call.field("arguments")) else {
            return;
        };
        let mut cursor = args.walk();
        let args = args.named_children(&mut cursor).filter(|a| a.kind_name() != "comment");
        for (i, arg) in args.enumerate() {
            if matches!(arg.kind_name(), "arrow_function" | "function_expression" | "function") {
                let new = call.kind_name() == "new_expression";
                self.callbacks.insert(arg.id(), (callee, i, ctx.this, new));
            }
        }
    }

    /// `for (const x of items)`: `x` is an element of `items` (`for ... in` binds
    /// keys, which say nothing).
    pub(super) fn for_of(&mut self, node: Node<'t>, ctx: Ctx) {
        let of = node.field("operator").is_some_and(|o| o.kind_name() == "of");
        let (Some(left), Some(right)) = (node.field("left"), node.field("right")) else {
            return;
        };
        if !of || left.kind_name() != "identifier" {
            return;
        }
        let name = self.b.text(left).into_owned();
        if ctx.scope != 0 {
            self.scopes[ctx.scope].bindings.insert(name.clone(), Binding::Local);
        }
        let origin = Some(Origin::Element);
        let declared = Declared { ty: None, value: Some(right), scope: ctx.scope, origin };
        self.locals.insert((ctx.scope, name), declared);
    }

    /// Records what `condition` says of local names inside `guarded`: `x instanceof
    /// C` and type-guard calls `isC(x)`, through parentheses and `&&` (the first
    /// [`MAX_CONJUNCTS`] parts: each `&&` of a long chain looks at its left side
    /// again).
    pub(super) fn narrow(&mut self, condition: Node<'t>, guarded: Node<'t>, ctx: Ctx) {
        let mut pending = vec![condition];
        let mut seen = 0;
        while let Some(c) = pending.pop() {
            seen += 1;
            if seen > MAX_CONJUNCTS {
                break;
            }
            match c.kind_name() {
                "parenthesized_expression" => pending.extend(c.named_child(0)),
                "binary_expression" => {
                    let (Some(left), Some(op), Some(right)) =
                        (c.field("left"), c.field("operator"), c.field("right"))
                    else {
                        continue;
                    };
                    match op.kind_name() {
                        "&&" => pending.extend([left, right]),
                        "instanceof" if left.kind_name() == "identifier" => {
                            self.add_narrowing(left, guarded, NarrowedBy::InstanceOf(right), ctx);
                        }
                        _ => {}
                    }
                }
                "call_expression" => {
                    let (Some(callee), Some(args)) = (c.field("function"), c.field("arguments"))
                    else {
                        continue;
                    };
                    let first = args.named_child(0).filter(|a| a.kind_name() == "identifier");
                    if let Some(first) = first {
                        self.add_narrowing(first, guarded, NarrowedBy::Guard(callee), ctx);
                    }
                }
                _ => {}
            }
        }
    }

    fn add_narrowing(&mut self, name: Node<'t>, guarded: Node<'t>, by: NarrowedBy<'t>, ctx: Ctx) {
        let narrowing = Narrowing {
            start: guarded.start_byte(),
            end: guarded.end_byte(),
            by,
            scope: ctx.scope,
        };
        let name = self.b.text(name).into_owned();
        self.narrowings.entry(name).or_default().push(narrowing);
    }

    /// The `export`/`declare` statement wrapping `node`, if any.
    pub(super) fn wrap_of(&self, node: Node<'t>) -> Option<Wrap<'t>> {
        self.export_of.get(&node.id()).copied()
    }

    /// `declare ...`: the declarations inside span (and are documented before) the
    /// `declare`, or the `export declare`.
    pub(super) fn ambient(&mut self, node: Node<'t>) -> Visit {
        let w = self.wrap_of(node).unwrap_or((node, None));
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            self.export_of.insert(child.id(), w);
        }
        Visit::Descend
    }

    /// `class A {}` / `abstract class A {}` (possibly exported, decorated).
    pub(super) fn class_declaration(&mut self, node: Node<'t>, ctx: Ctx) -> Visit {
        let Some(name) = node.field("name") else { return Visit::Descend };
        let name = self.b.text(name).into_owned();
        let wrap = self.wrap_of(node);
        let outer = wrap.map_or(node, |w| w.0);
        let mut decorators = if outer != node { decorator_children(outer) } else { vec![] };
        decorators.extend(decorator_children(node));
        let start = after_decorators(node);
        let export = wrap.and_then(|w| w.1);
        self.class(node, name, outer, start, String::new(), decorators, export, ctx);
        Visit::Skip
    }

    /// An expression statement (or an ERROR node): named function or class
    /// expressions standing as statements are declarations tree-sitter could not
    /// parse as such; assignments may define exports or methods.
    pub(super) fn statement(&mut self, node: Node<'t>, ctx: Ctx) -> Visit {
        let mut cursor = node.walk();
        for child in node.named_children(&mut cursor) {
            if matches!(child.kind_name(), "function_expression" | "generator_function" | "class")
                && child.field("name").is_some()
            {
                self.promote.insert(child.id());
            }
        }
        if node.kind_name() == "expression_statement" {
            self.assignment(node, ctx);
        }
        Visit::Descend
    }

    /// Creates a node under `ctx.parent`, binding it in `ctx.scope` when `bind`, and
    /// records its export.
    pub(super) fn new_node(
        &mut self,
        ctx: Ctx,
        kind: NodeKind,
        name: &str,
        span: Node<'t>,
        export: Option<Export>,
        bind: bool,
    ) -> NodeIdx {
        let idx = self.b.add_node(ctx.parent, kind, name, span);
        self.children.entry(ctx.parent).or_default().push(idx);
        let qname = self.b.nodes[idx].qualified_name.clone();
        self.by_qname.entry(qname).or_insert(idx);
        if bind {
            // Namespaces and interfaces merge into an earlier declaration of the same
            // name (`function f` + `namespace f`): the earlier one keeps the name.
            let merges = matches!(kind, NodeKind::Module | NodeKind::Interface);
            let bindings = &mut self.scopes[ctx.scope].bindings;
            if !(merges && matches!(bindings.get(name), Some(Binding::Node(_)))) {
                bindings.insert(name.to_owned(), Binding::Node(idx));
            }
        }
        if let Some(export) = export {
            if ctx.parent == 0 {
                let key = match export {
                    Export::Named => format!("{}.{name}", self.module_key),
                    Export::Default => format!("{}.default", self.module_key),
                };
                self.exports.push(ExportRef::Node(key, idx));
            } else if self.b.nodes[ctx.parent].kind == NodeKind::Module {
                self.exported_in_ns.insert(idx);
            }
        }
        idx
    }

    /// The JSDoc comment directly before byte `start` (only whitespace between).
    pub(super) fn doc_before(&self, start: usize) -> Option<String> {
        let i = self.comments.partition_point(|c| c.end_byte() <= start);
        let comment = self.comments[..i].last()?;
        let gap = self.b.src.get(comment.end_byte()..start)?;
        if !gap.iter().all(|b| b.is_ascii_whitespace()) {
            return None;
        }
        clean_doc(&self.b.text(*comment))
    }

    /// A leading `/** ... */` that documents the file (`@file`, `@fileoverview`,
    /// `@module`, `@packageDocumentation`).
    pub(super) fn module_docstring(&self, root: Node<'t>) -> Option<String> {
        let mut cursor = root.walk();
        let first = root.named_children(&mut cursor).find(|n| n.kind_name() != "hash_bang_line")?;
        if first.kind_name() != "comment" {
            return None;
        }
        let text = self.b.text(first);
        let tags = ["@file", "@fileoverview", "@module", "@packageDocumentation"];
        if !tags.iter().any(|t| text.contains(t)) {
            return None;
        }
        clean_doc(&text)
    }

    /// The collapsed text of `src[start..end]` after `prefix`, without a trailing `;`.
    pub(super) fn header(&self, prefix: &str, start: usize, end: usize) -> String {
        let end = end.max(start).min(self.b.src.len());
        let raw = String::from_utf8_lossy(&self.b.src[start..end]);
        let mut sig = walk::collapse_ws(&raw);
        if !prefix.is_empty() {
            sig = format!("{prefix} {sig}");
        }
        let sig = sig.trim_end_matches([';', ',']).trim_end();
        sig.to_owned()
    }

    /// Creates a function or method node for `c`, its scope and owner, and walks its
    /// code for nested definitions.
    pub(super) fn callable(&mut self, c: Callable<'t>, ctx: Ctx) -> NodeIdx {
        let idx = self.new_node(ctx, c.kind, &c.name, c.span, c.export, c.bind);
        let body = c.func.field("body");
        let end = body.map_or(c.func.end_byte(), |b| b.start_byte());
        let signature = self.header(&c.sig_prefix, c.sig_start, end);
        let docstring = self.doc_before(c.doc_start);
        let setter = {
            let mut cursor = c.func.walk();
            let found = c.func.children(&mut cursor).any(|ch| ch.kind_name() == "set");
            found
        };
        let getter = {
            let mut cursor = c.func.walk();
            let found = c.func.children(&mut cursor).any(|ch| ch.kind_name() == "get");
            found
        };
        if getter {
            self.getters.insert(idx);
        }
        let needs_return = !(c.kind == NodeKind::Method && (c.name == "constructor" || setter));
        let typed = self.type_hints(c.func, needs_return, c.declared_type);
        {
            let src = self.b.src;
            let node = &mut self.b.nodes[idx];
            node.signature = Some(signature);
            node.docstring = docstring;
            node.decorators =
                c.decorators.iter().map(|d| walk::collapse_ws(&walk::text(*d, src))).collect();
            node.complexity = 1;
            node.has_type_hints = typed;
        }
        if !c.decorators.is_empty() {
            self.decorated.push((idx, ctx.scope, c.decorators));
        }
        let scope = self.function_scope(c.func, ctx.scope);
        self.functions.insert(idx, (c.func, scope));
        if c.kind == NodeKind::Method && c.name == "constructor" {
            if let Some(class) = c.this {
                self.parameter_properties(class, c.func, ctx.scope);
            }
        }
        self.claimed.insert(c.func.id());
        if body.is_some() {
            self.owners.push(Owner { idx, scope, root: c.func, this: c.this });
            self.walk(c.func, Ctx { scope, parent: idx, this: c.this, depth: ctx.depth + 1 });
        }
        idx
    }

    /// `describe('parser', () => ...)`, `it('adds numbers', ...)`, `test.each(t)('x
    /// %i', fn)` in a test file: a function node named by the description in double
    /// quotes (`"adds numbers"`, under the enclosing block's node, if any), whose
    /// callback is its code; true when made.
    /// A block without a literal description or a callback stays part of its owner.
    pub(super) fn test_block_node(&mut self, call: Node<'t>, ctx: Ctx) -> bool {
        let src = self.b.src;
        let Some(f) = call.field("function") else { return false };
        if super::emit::test_block(f, src).is_none() {
            return false;
        }
        let Some(args) = call.field("arguments") else { return false };
        let mut cursor = args.walk();
        let named: Vec<Node<'t>> = args.named_children(&mut cursor).collect();
        let Some(&first) = named.first().filter(|a| a.kind_name() == "string") else {
            return false;
        };
        // Quoted: a description is no identifier, and `describe("parse")` must not
        // make a second `parse` for `codehub callers parse` to choose from.
        let text = walk::collapse_ws(walk::text(first, src).trim_matches(['"', '\'', '`']));
        let name = format!("\"{text}\"");
        let callback = named.iter().skip(1).rev().find(|a| {
            matches!(a.kind_name(), "arrow_function" | "function_expression" | "function")
        });
        let Some(&callback) = callback else { return false };
        if text.is_empty() || ctx.depth >= crate::MAX_DEPTH {
            return false;
        }
        let idx = self.callable(
            Callable {
                kind: NodeKind::Function,
                name,
                func: callback,
                span: call,
                sig_start: call.start_byte(),
                sig_prefix: String::new(),
                doc_start: call.start_byte(),
                decorators: Vec::new(),
                export: None,
                bind: false,
                this: ctx.this,
                declared_type: false,
            },
            ctx,
        );
        self.test_blocks.insert(call.id(), idx);
        true
    }

    /// True when TypeScript annotates every parameter of `func` and (when
    /// `needs_return`) its return type, or the variable holding it is typed.
    pub(super) fn type_hints(
        &self,
        func: Node<'t>,
        needs_return: bool,
        declared_type: bool,
    ) -> bool {
        if !self.ts {
            return false;
        }
        if declared_type {
            return true;
        }
        if needs_return && func.field("return_type").is_none() {
            return false;
        }
        if func.field("parameter").is_some() {
            return false;
        }
        let Some(params) = func.field("parameters") else { return true };
        let mut cursor = params.walk();
        let typed = params.named_children(&mut cursor).all(|p| match p.kind_name() {
            "required_parameter" | "optional_parameter" => p.field("type").is_some(),
            "comment" => true,
            _ => false,
        });
        typed
    }

    /// `function f() {}`, `function* g() {}`, `declare function h(): void;`. Overload
    /// signatures followed by the implementation are not nodes of their own.
    pub(super) fn function_declaration(&mut self, node: Node<'t>, ctx: Ctx) -> Visit {
        let wrap = self.wrap_of(node);
        let export = wrap.and_then(|w| w.1);
        let name = match node.field("name") {
            Some(n) => self.b.text(n).into_owned(),
            None if export == Some(Export::Default) => "default".to_owned(),
            None => return Visit::Descend,
        };
        let outer = wrap.map_or(node, |w| w.0);
        if node.kind_name() == "function_signature" && self.is_overload(outer, &name) {
            return Visit::Skip;
        }
        let c = Callable {
            kind: NodeKind::Function,
            name,
            func: node,
            span: outer,
            sig_start: node.start_byte(),
            sig_prefix: String::new(),
            doc_start: outer.start_byte(),
            decorators: Vec::new(),
            export,
            bind: true,
            this: None,
            declared_type: false,
        };
        self.callable(c, ctx);
        Visit::Skip
    }

    /// The statement after the one holding the signature `node` (itself, or the
    /// `export` around it), comments skipped: `(statement id, next statement)`. Read
    /// from a copy of the walk's cursor, which knows its ancestors: tree-sitter's
    /// `next_named_sibling` looks for the parent from the root (quadratic on files of
    /// many overloads).
    pub(super) fn statement_after(
        &self,
        node: Node<'t>,
        cursor: &tree_sitter::TreeCursor<'t>,
    ) -> Option<(usize, Option<Node<'t>>)> {
        let outer = self.wrap_of(node).map_or(node, |w| w.0);
        let mut cursor = cursor.clone();
        while cursor.node() != outer {
            if outer.start_byte() > cursor.node().start_byte() || !cursor.goto_parent() {
                return None;
            }
        }
        while cursor.goto_next_sibling() {
            let n = cursor.node();
            if n.is_named() && n.kind_name() != "comment" {
                return Some((outer.id(), Some(n)));
            }
        }
        Some((outer.id(), None))
    }

    /// True when the statement after `stmt` (an overload signature, possibly wrapped
    /// in `export`) declares the same function `name`.
    pub(super) fn is_overload(&self, stmt: Node<'t>, name: &str) -> bool {
        let next = match self.next_statement {
            Some((id, next)) if id == stmt.id() => next,
            _ => None,
        };
        let Some(mut next) = next else { return false };
        if next.kind_name() == "export_statement" {
            match next.field("declaration") {
                Some(d) => next = d,
                None => return false,
            }
        }
        matches!(next.kind_name(), "function_declaration" | "function_signature")
            && next.field("name").is_some_and(|n| self.b.text(n) == name)
    }

    /// A class (declaration or expression) named `name` spanning `span`, with its
    /// signature from byte `sig_start`.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn class(
        &mut self,
        node: Node<'t>,
        name: String,
        span: Node<'t>,
        sig_start: usize,
        sig_prefix: String,
        decorators: Vec<Node<'t>>,
        export: Option<Export>,
        ctx: Ctx,
    ) -> NodeIdx {
        let idx = self.new_node(ctx, NodeKind::Class, &name, span, export, true);
        let body = node.field("body");
        let end = body.map_or(node.end_byte(), |b| b.start_byte());
        let signature = self.header(&sig_prefix, sig_start, end);
        let docstring = self.doc_before(span.start_byte());
        {
            let src = self.b.src;
            let n = &mut self.b.nodes[idx];
            n.signature = Some(signature);
            n.docstring = docstring;
            n.decorators =
                decorators.iter().map(|d| walk::collapse_ws(&walk::text(*d, src))).collect();
        }
        if !decorators.is_empty() {
            self.decorated.push((idx, ctx.scope, decorators));
        }
        self.heads.push((idx, ctx.scope, node));
        self.record_type_params(idx, node, ctx.scope);
        self.claimed.insert(node.id());
        self.scopes.push(Scope { parent: Some(ctx.scope), bindings: HashMap::new() });
        let scope = self.scopes.len() - 1;
        self.owners.push(Owner { idx, scope, root: node, this: Some(idx) });
        let inner = Ctx { scope, parent: idx, this: Some(idx), depth: ctx.depth + 1 };
        if let Some(body) = body {
            if inner.depth > crate::MAX_DEPTH {
                self.b.too_deep(walk::line(body));
            } else {
                let mut cursor = body.walk();
                let members = body.named_children(&mut cursor).collect();
                let decorators = Vec::new();
                self.pending.push(Work::ClassBody {
                    class: idx,
                    members,
                    next: 0,
                    decorators,
                    ctx: inner,
                });
            }
        }
        idx
    }

    /// One member `m` of a class body (`rest` are the members after it):
    /// methods (with constructors, accessors, private and abstract ones) and fields
    /// holding functions become methods. Decorators (siblings before their member in
    /// TypeScript) accumulate in `decorators` until the member they decorate.
    pub(super) fn class_member(
        &mut self,
        class: NodeIdx,
        m: Node<'t>,
        rest: &[Node<'t>],
        decorators: &mut Vec<Node<'t>>,
        ctx: Ctx,
    ) {
        match m.kind_name() {
            "decorator" => {
                decorators.push(m);
                return;
            }
            "comment" => return,
            "method_definition" | "abstract_method_signature" | "method_signature" => {
                let Some(name) = self.member_name(m) else {
                    decorators.clear();
                    return;
                };
                if m.kind_name() == "method_signature" && self.overloaded_member(rest, &name) {
                    decorators.clear();
                    return;
                }
                let doc_start = decorators.first().map_or(m.start_byte(), |d| d.start_byte());
                let mut decs = std::mem::take(decorators);
                decs.extend(decorator_children(m));
                let c = Callable {
                    kind: NodeKind::Method,
                    name,
                    func: m,
                    span: m,
                    sig_start: after_decorators(m),
                    sig_prefix: String::new(),
                    doc_start,
                    decorators: decs,
                    export: None,
                    bind: false,
                    this: Some(class),
                    declared_type: false,
                };
                self.callable(c, ctx);
            }
            "public_field_definition" | "field_definition" => {
                let value = m.field("value").map(unwrap_expr);
                let name = self.member_name(m);
                match (value, name) {
                    (Some(v), Some(name)) if is_function(v) => {
                        let doc_start =
                            decorators.first().map_or(m.start_byte(), |d| d.start_byte());
                        let mut decs = std::mem::take(decorators);
                        decs.extend(decorator_children(m));
                        let c = Callable {
                            kind: NodeKind::Method,
                            name,
                            func: v,
                            span: m,
                            sig_start: after_decorators(m),
                            sig_prefix: String::new(),
                            doc_start,
                            decorators: decs,
                            export: None,
                            bind: false,
                            this: Some(class),
                            declared_type: m.field("type").is_some(),
                        };
                        self.callable(c, ctx);
                    }
                    _ => {
                        if let Some(name) = self.member_name(m) {
                            let declared = Declared {
                                ty: m.field("type"),
                                value,
                                scope: ctx.scope,
                                origin: None,
                            };
                            self.fields.entry(class).or_default().push((name, declared));
                        }
                        // A plain field: its decorators are calls made by the class.
                        let mut decs = std::mem::take(decorators);
                        decs.extend(decorator_children(m));
                        if !decs.is_empty() {
                            let scope = self.scopes[ctx.scope].parent.unwrap_or(0);
                            self.decorated.push((class, scope, decs));
                        }
                        self.walk(m, ctx);
                    }
                }
            }
            _ => self.walk(m, ctx),
        }
        decorators.clear();
    }

    /// True when the next member among `rest` (past decorators and comments) is a
    /// method named `name`: the current signature is one of its overloads.
    pub(super) fn overloaded_member(&self, rest: &[Node<'t>], name: &str) -> bool {
        let next = rest.iter().find(|n| !matches!(n.kind_name(), "decorator" | "comment"));
        next.is_some_and(|&n| {
            matches!(n.kind_name(), "method_definition" | "method_signature")
                && self.member_name(n).is_some_and(|m| m == name)
        })
    }

    /// The name of a class member, object member or pair: identifiers as written,
    /// string keys unquoted, computed keys as written.
    pub(super) fn member_name(&self, member: Node<'t>) -> Option<String> {
        let key = member
            .field("name")
            .or_else(|| member.field("property"))
            .or_else(|| member.field("key"))?;
        let text = self.b.text(key);
        Some(if key.kind_name() == "string" { unquote(&text) } else { walk::collapse_ws(&text) })
    }

    /// Records the type parameters of a generic class or interface `decl` (`class
    /// Box<T extends Item = Item>`): the constraint, else the default, stands for an
    /// argument no receiver states.
    pub(super) fn record_type_params(&mut self, idx: NodeIdx, decl: Node<'t>, scope: usize) {
        let Some(list) = decl.field("type_parameters") else { return };
        let mut cursor = list.walk();
        let params: Vec<TypeParam<'t>> = list
            .named_children(&mut cursor)
            .filter(|p| p.kind_name() == "type_parameter")
            .filter_map(|p| {
                let bound = p.field("constraint").or(p.field("value"));
                Some(TypeParam {
                    name: p.field("name")?,
                    constraint: bound.and_then(|c| c.named_child(0)),
                    scope,
                })
            })
            .collect();
        if !params.is_empty() {
            self.type_params.insert(idx, params);
        }
    }

    /// `interface I extends A { m(): void }`: the interface and its method signatures.
    pub(super) fn interface(&mut self, node: Node<'t>, ctx: Ctx) {
        let wrap = self.wrap_of(node);
        let Some(name) = node.field("name") else { return };
        let name = self.b.text(name).into_owned();
        let outer = wrap.map_or(node, |w| w.0);
        let idx =
            self.new_node(ctx, NodeKind::Interface, &name, outer, wrap.and_then(|w| w.1), true);
        let body = node.field("body");
        let end = body.map_or(node.end_byte(), |b| b.start_byte());
        self.b.nodes[idx].signature = Some(self.header("", node.start_byte(), end));
        self.b.nodes[idx].docstring = self.doc_before(outer.start_byte());
        self.heads.push((idx, ctx.scope, node));
        self.record_type_params(idx, node, ctx.scope);
        self.claimed.insert(node.id());
        let Some(body) = body else { return };
        let inner = Ctx { scope: ctx.scope, parent: idx, this: None, depth: ctx.depth + 1 };
        let mut cursor = body.walk();
        let members: Vec<Node<'t>> = body.named_children(&mut cursor).collect();
        for m in members {
            if m.kind_name() == "property_signature" {
                // `readonly db: Db`: typed like a class field.
                if let Some(name) = self.member_name(m) {
                    let ty = m.field("type");
                    let declared = Declared { ty, value: None, scope: ctx.scope, origin: None };
                    self.fields.entry(idx).or_default().push((name, declared));
                }
                continue;
            }
            if m.kind_name() != "method_signature" {
                continue;
            }
            let Some(name) = self.member_name(m) else { continue };
            let c = Callable {
                kind: NodeKind::Method,
                name,
                func: m,
                span: m,
                sig_start: m.start_byte(),
                sig_prefix: String::new(),
                doc_start: m.start_byte(),
                decorators: Vec::new(),
                export: None,
                bind: false,
                this: None,
                declared_type: false,
            };
            self.callable(c, inner);
        }
    }

    /// `type X = ...` and `enum E { ... }`: signature is the whole declaration.
    pub(super) fn type_declaration(&mut self, node: Node<'t>, ctx: Ctx) {
        let wrap = self.wrap_of(node);
        let Some(name) = node.field("name") else { return };
        let name = self.b.text(name).into_owned();
        let kind = if node.kind_name() == "enum_declaration" {
            NodeKind::Enum
        } else {
            NodeKind::TypeAlias
        };
        let outer = wrap.map_or(node, |w| w.0);
        let idx = self.new_node(ctx, kind, &name, outer, wrap.and_then(|w| w.1), true);
        let sig = capped_text(self.b.src, node.start_byte(), node.end_byte(), 200);
        let sig = sig.strip_suffix(';').unwrap_or(&sig).trim_end().to_owned();
        self.b.nodes[idx].signature = Some(sig);
        self.b.nodes[idx].docstring = self.doc_before(outer.start_byte());
        self.claimed.insert(node.id());
    }

    /// `namespace A.B { ... }`, `module M { ... }`, `declare module "pkg" { ... }`.
    pub(super) fn namespace(&mut self, node: Node<'t>, ctx: Ctx) {
        let wrap = self.wrap_of(node);
        let Some(name_node) = node.field("name") else { return };
        let name = match name_node.kind_name() {
            "string" => unquote(&self.b.text(name_node)),
            _ => walk::collapse_ws(&self.b.text(name_node)),
        };
        let outer = wrap.map_or(node, |w| w.0);
        let bind = name_node.kind_name() == "identifier";
        let idx = self.new_node(ctx, NodeKind::Module, &name, outer, wrap.and_then(|w| w.1), bind);
        let body = node.field("body");
        let end = body.map_or(node.end_byte(), |b| b.start_byte());
        self.b.nodes[idx].signature = Some(self.header("", node.start_byte(), end));
        self.b.nodes[idx].docstring = self.doc_before(outer.start_byte());
        self.claimed.insert(node.id());
        self.scopes.push(Scope { parent: Some(ctx.scope), bindings: HashMap::new() });
        let scope = self.scopes.len() - 1;
        self.module_scopes.insert(scope);
        self.owners.push(Owner { idx, scope, root: node, this: None });
        if let Some(body) = body {
            self.walk(body, Ctx { scope, parent: idx, this: None, depth: ctx.depth + 1 });
        }
    }

    /// True when an object literal has a method or a function-valued property.
    pub(super) fn has_function_members(&self, object: Node<'t>) -> bool {
        let mut cursor = object.walk();
        let found = object.named_children(&mut cursor).any(|m| match m.kind_name() {
            "method_definition" => true,
            "pair" => m.field("value").is_some_and(|v| is_function(unwrap_expr(v))),
            _ => false,
        });
        found
    }

    /// An object literal bound to `name`: a constant node whose methods and
    /// function-valued properties are its methods.
    pub(super) fn object(
        &mut self,
        object: Node<'t>,
        name: &str,
        span: Node<'t>,
        export: Option<Export>,
        ctx: Ctx,
    ) -> NodeIdx {
        let idx = self.new_node(ctx, NodeKind::Constant, name, span, export, true);
        self.b.nodes[idx].docstring = self.doc_before(span.start_byte());
        let inner = Ctx { parent: idx, depth: ctx.depth + 1, ..ctx };
        if inner.depth > crate::MAX_DEPTH {
            self.b.too_deep(walk::line(object));
            return idx;
        }
        self.members_as(object, NodeKind::Method, None, Some(idx), inner);
        idx
    }

    /// Schedules the creation of a node of `kind` for each method and function-valued
    /// property of the object literal `object`, under `ctx.parent` (see
    /// [`Self::object_member`]).
    pub(super) fn members_as(
        &mut self,
        object: Node<'t>,
        kind: NodeKind,
        export: Option<Export>,
        object_this: Option<NodeIdx>,
        ctx: Ctx,
    ) {
        let mut cursor = object.walk();
        let members = object.named_children(&mut cursor).collect();
        self.pending.push(Work::Members { members, next: 0, kind, export, object_this, ctx });
    }

    /// One member of an object literal: a method or a function-valued property
    /// becomes a node of `kind`. `this` in methods and function values is
    /// `object_this`; arrow functions see the enclosing `ctx.this`.
    pub(super) fn object_member(
        &mut self,
        m: Node<'t>,
        kind: NodeKind,
        export: Option<Export>,
        object_this: Option<NodeIdx>,
        ctx: Ctx,
    ) {
        let (func, this) = match m.kind_name() {
            "method_definition" => (m, object_this),
            "pair" => match m.field("value").map(unwrap_expr) {
                Some(v) if v.kind_name() == "arrow_function" => (v, ctx.this),
                Some(v) if is_function(v) => (v, object_this),
                _ => return,
            },
            _ => return,
        };
        let Some(name) = self.member_name(m) else { return };
        let c = Callable {
            kind,
            name,
            func,
            span: m,
            sig_start: after_decorators(m),
            sig_prefix: String::new(),
            doc_start: m.start_byte(),
            decorators: Vec::new(),
            export,
            bind: false,
            this,
            declared_type: false,
        };
        self.callable(c, ctx);
    }

    /// A named function or class expression tree-sitter left as a statement (broken
    /// code): a declaration all the same.
    pub(super) fn promoted(&mut self, node: Node<'t>, ctx: Ctx) {
        let Some(name) = node.field("name") else { return };
        let name = self.b.text(name).into_owned();
        if node.kind_name() == "class" {
            let start = after_decorators(node);
            self.class(node, name, node, start, String::new(), decorator_children(node), None, ctx);
            return;
        }
        let c = Callable {
            kind: NodeKind::Function,
            name,
            func: node,
            span: node,
            sig_start: node.start_byte(),
            sig_prefix: String::new(),
            doc_start: node.start_byte(),
            decorators: Vec::new(),
            export: None,
            bind: true,
            this: None,
            declared_type: false,
        };
        self.callable(c, ctx);
    }
}

/// The start byte of `node` past its leading decorators (and comments).
pub(super) fn after_decorators(node: Node<'_>) -> usize {
    let mut cursor = node.walk();
    let first =
        node.children(&mut cursor).find(|c| !matches!(c.kind_name(), "decorator" | "comment"));
    first.map_or(node.start_byte(), |c| c.start_byte())
}

/// The decorator children of `node`.
pub(super) fn decorator_children(node: Node<'_>) -> Vec<Node<'_>> {
    let mut cursor = node.walk();
    node.children(&mut cursor).filter(|c| c.kind_name() == "decorator").collect()
}

/// A JSDoc comment's text without `/**`, `*/` and the leading ` * ` of each line;
/// `None` for other comments and empty ones.
pub(super) fn clean_doc(text: &str) -> Option<String> {
    if text.starts_with("/**/") {
        return None;
    }
    let inner = text.strip_prefix("/**")?;
    let inner = inner.strip_suffix("*/").unwrap_or(inner);
    let mut lines: Vec<&str> =
        inner.lines().map(|line| docs::strip_star(line).trim_end()).collect();
    docs::trim_blank_edges(&mut lines);
    (!lines.is_empty()).then(|| lines.join("\n"))
}
