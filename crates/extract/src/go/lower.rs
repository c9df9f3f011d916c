//! Go lowering: types, funcs, methods and consts become nodes; imports become
//! imports and `imports` edges; signatures, doc comments, and the declared types
//! (fields, embedded types, results, package variables) emission needs.

use super::*;
use crate::walk::{Fields, Kinds};
use crate::Target;
use model::{EdgeKind, NodeKind};

impl<'s, 't> Gx<'s, 't> {
    /// Lowers the file's top-level declarations: imports and types first (a method
    /// may be written above its receiver's type, and every signature may name an
    /// import), then funcs, methods, consts and vars in source order.
    pub(super) fn items(&mut self, root: Node<'t>) {
        let items = with_docs(root, self.b.src);
        for (item, _) in &items {
            if item.kind_name() == "import_declaration" {
                self.import_declaration(*item);
            }
        }
        for (item, doc) in &items {
            if item.kind_name() == "type_declaration" {
                self.type_declaration(*item, doc.clone());
            }
        }
        for (item, doc) in items {
            match item.kind_name() {
                "function_declaration" => self.func(item, doc, None),
                "method_declaration" => {
                    let receiver =
                        item.field("receiver").and_then(|r| receiver_type_name(r, self.b.src));
                    match receiver {
                        Some(receiver) => self.func(item, doc, Some(receiver)),
                        // A receiver recovery lost: the calls are still the module's.
                        None => self.module_items.push(item),
                    }
                }
                "const_declaration" => self.consts(item, doc),
                "var_declaration" => self.vars(item),
                "import_declaration" | "type_declaration" | "package_clause" => {}
                _ => self.module_items.push(item),
            }
        }
    }

    /// `import "p"`, `import u "p"`, `import ( ... )`: the module's imports, the names
    /// the file calls packages by, and an `imports` edge to each package's key.
    fn import_declaration(&mut self, decl: Node<'t>) {
        let mut specs = Vec::new();
        walk::preorder(decl, |node| {
            if node.kind_name() == "import_spec" {
                specs.push(node);
                return false;
            }
            true
        });
        for spec in specs {
            let Some(path_node) = spec.field("path") else { continue };
            let path = self.b.text(path_node).trim_matches(['"', '`']).trim().to_owned();
            if path.is_empty() {
                continue;
            }
            self.b.nodes[0].imports.push(path.clone());
            let name = match spec.field("name") {
                Some(n) if n.kind_name() == "package_identifier" => {
                    Some(self.b.text(n).into_owned())
                }
                // `_` and `.` imports bind no name to call through.
                Some(_) => None,
                None => Some(default_package_name(&path).to_owned()),
            };
            if let Some(name) = name.filter(|n| !n.is_empty()) {
                self.imports.insert(name, path.clone());
            }
            let key = format!("{MODULE_PREFIX}{path}.package");
            let line = walk::line(spec);
            self.b.edge(
                EdgeKind::Imports,
                0,
                Target::Key { key, name: path, inferred: false },
                line,
            );
        }
    }

    /// `type T ...` and `type ( ... )`: a node per spec.
    fn type_declaration(&mut self, decl: Node<'t>, doc: Option<String>) {
        let specs = with_docs(decl, self.b.src);
        let single = specs.len() == 1;
        for (spec, spec_doc) in specs {
            let doc = if single { spec_doc.or_else(|| doc.clone()) } else { spec_doc };
            if matches!(spec.kind_name(), "type_spec" | "type_alias") {
                // A lone spec spans its `type` keyword too.
                self.type_spec(spec, if single { decl } else { spec }, doc);
            }
        }
    }

    /// One type spec: a struct, an interface (with its methods as children) or a
    /// `type_alias` (a defined type or an alias).
    fn type_spec(&mut self, spec: Node<'t>, outer: Node<'t>, doc: Option<String>) {
        let Some(name_node) = spec.field("name") else { return };
        let name = self.b.text(name_node).into_owned();
        if name.is_empty() {
            return;
        }
        let ty = spec.field("type");
        let type_params = spec.field("type_parameters").map(|t| self.b.text(t));
        let type_params = walk::collapse_ws(type_params.as_deref().unwrap_or(""));
        let (kind, signature) = match ty.map(|t| t.kind_name()) {
            Some("struct_type") if spec.kind_name() == "type_spec" => {
                (NodeKind::Struct, format!("type {name}{type_params} struct"))
            }
            Some("interface_type") if spec.kind_name() == "type_spec" => {
                (NodeKind::Interface, format!("type {name}{type_params} interface"))
            }
            _ => (
                NodeKind::TypeAlias,
                short(&format!("type {}", walk::collapse_ws(&self.b.text(spec)))),
            ),
        };
        let idx = self.b.add_node(0, kind, &name, outer);
        self.b.nodes[idx].signature = Some(signature);
        self.b.nodes[idx].docstring = doc;
        if self.b.nodes[idx].qualified_name.contains('#') {
            return;
        }
        self.b.export_node(format!("{}.{name}", self.pkg), idx);
        self.types.insert(name.clone(), idx);
        let Some(ty) = ty else { return };
        match kind {
            NodeKind::Struct => self.struct_fields(&name, ty),
            NodeKind::Interface => self.interface_elems(idx, &name, ty),
            _ => {}
        }
    }

    /// A struct's named fields (their types) and embedded types.
    fn struct_fields(&mut self, name: &str, ty: Node<'t>) {
        let mut fields = Vec::new();
        walk::preorder(ty, |node| match node.kind_name() {
            "field_declaration" => {
                fields.push(node);
                false
            }
            "struct_type" | "field_declaration_list" => {
                node == ty || node.kind_name() != "struct_type"
            }
            _ => false,
        });
        for field in fields {
            let Some(field_type) = field.field("type") else { continue };
            let field_ty = self.type_key(field_type);
            let mut cursor = field.walk();
            let names: Vec<String> = field
                .children_by_field_name("name", &mut cursor)
                .map(|n| self.b.text(n).into_owned())
                .collect();
            if names.is_empty() {
                if let Some(t) = field_ty {
                    self.embedded.entry(name.to_owned()).or_default().push((t, walk::line(field)));
                }
                continue;
            }
            for field_name in names {
                match &field_ty {
                    Some(t) => {
                        self.fields.insert((name.to_owned(), field_name), t.clone());
                    }
                    // A field of a func or other unnamed type: calling it is dynamic.
                    None => {
                        self.func_fields.insert((name.to_owned(), field_name));
                    }
                }
            }
        }
    }

    /// An interface's methods (`method` children, callable through the interface's
    /// type) and embedded interfaces.
    fn interface_elems(&mut self, idx: NodeIdx, name: &str, ty: Node<'t>) {
        let mut cursor = ty.walk();
        let elems: Vec<Node<'t>> = ty.named_children(&mut cursor).collect();
        for elem in elems {
            match elem.kind_name() {
                "method_elem" => {
                    let Some(m) = elem.field("name") else { continue };
                    let method = self.b.text(m).into_owned();
                    if method.is_empty() {
                        continue;
                    }
                    let midx = self.b.add_node(idx, NodeKind::Method, &method, elem);
                    let node = &mut self.b.nodes[midx];
                    node.signature = Some(walk::collapse_ws(&walk::text(elem, self.b.src)));
                    node.complexity = 1;
                    node.has_type_hints = true;
                    if !node.qualified_name.contains('#') {
                        self.b.export_node(format!("{}.{name}.{method}", self.pkg), midx);
                    }
                    if let Some(t) = elem.field("result").and_then(|r| self.result_type(r)) {
                        self.results.insert(midx, t);
                    }
                    self.methods.insert((name.to_owned(), method), midx);
                }
                "type_elem" => {
                    // `interface { io.Reader }`: one embedded type; unions and
                    // constraints (`~int | string`) are not embedding.
                    if elem.named_child_count() != 1 {
                        continue;
                    }
                    if let Some(t) = elem.named_child(0).and_then(|t| self.type_key(t)) {
                        self.embedded
                            .entry(name.to_owned())
                            .or_default()
                            .push((t, walk::line(elem)));
                    }
                }
                _ => {}
            }
        }
    }

    /// A func or, with its receiver's type name, a method.
    fn func(&mut self, decl: Node<'t>, doc: Option<String>, receiver: Option<String>) {
        let Some(name_node) = decl.field("name") else { return };
        let name = self.b.text(name_node).into_owned();
        if name.is_empty() {
            return;
        }
        let idx = match &receiver {
            Some(recv) => match self.types.get(recv) {
                Some(&parent) => self.b.add_node(parent, NodeKind::Method, &name, decl),
                None => {
                    let idx = self.b.add_node(0, NodeKind::Method, &format!("{recv}.{name}"), decl);
                    self.b.nodes[idx].name = name.clone();
                    idx
                }
            },
            None => self.b.add_node(0, NodeKind::Function, &name, decl),
        };
        let body = decl.field("body");
        let end = body.map_or(decl.end_byte(), |b| b.start_byte());
        {
            let src = self.b.src;
            let node = &mut self.b.nodes[idx];
            node.signature =
                Some(walk::collapse_ws(&String::from_utf8_lossy(&src[decl.start_byte()..end])));
            node.docstring = doc;
            node.complexity = body.map_or(1, complexity);
            node.has_type_hints = true;
        }
        if let Some(t) = decl.field("result").and_then(|r| self.result_type(r)) {
            self.results.insert(idx, t);
        }
        let duplicate = self.b.nodes[idx].qualified_name.contains('#');
        match &receiver {
            Some(recv) => {
                if !duplicate {
                    self.b.export_node(format!("{}.{recv}.{name}", self.pkg), idx);
                }
                self.methods.entry((recv.clone(), name)).or_insert(idx);
            }
            None => {
                // `init` and `main` are never called by name, and a package may have
                // several `init`s: no key for them.
                if !duplicate && name != "init" {
                    self.b.export_node(format!("{}.{name}", self.pkg), idx);
                }
                self.funcs.entry(name).or_insert(idx);
            }
        }
        self.bodies.push((idx, decl, receiver));
    }

    /// `const X = ...` and `const ( ... )`: a `constant` per name.
    fn consts(&mut self, decl: Node<'t>, doc: Option<String>) {
        let specs = with_docs(decl, self.b.src);
        let single = specs.len() == 1;
        for (spec, spec_doc) in specs {
            if spec.kind_name() != "const_spec" {
                continue;
            }
            let doc = if single { spec_doc.or_else(|| doc.clone()) } else { spec_doc };
            let mut cursor = spec.walk();
            let names: Vec<Node<'t>> = spec.children_by_field_name("name", &mut cursor).collect();
            let signature = short(&format!("const {}", walk::collapse_ws(&self.b.text(spec))));
            for name_node in names {
                let name = self.b.text(name_node).into_owned();
                if name.is_empty() || name == "_" {
                    continue;
                }
                let idx = self.b.add_node(0, NodeKind::Constant, &name, spec);
                self.b.nodes[idx].signature = Some(signature.clone());
                self.b.nodes[idx].docstring = doc.clone();
                if !self.b.nodes[idx].qualified_name.contains('#') {
                    self.b.export_node(format!("{}.{name}", self.pkg), idx);
                }
            }
            if let Some(value) = spec.field("value") {
                self.module_items.push(value);
            }
        }
    }

    /// `var x T = ...` at package level: not nodes, but names calls cannot mean a
    /// func by, with their types (stated, or of a single value).
    fn vars(&mut self, decl: Node<'t>) {
        let mut specs = Vec::new();
        walk::preorder(decl, |node| {
            if node.kind_name() == "var_spec" {
                specs.push(node);
                return false;
            }
            true
        });
        let none = HashMap::new();
        for spec in specs {
            let mut cursor = spec.walk();
            let names: Vec<String> = spec
                .children_by_field_name("name", &mut cursor)
                .map(|n| self.b.text(n).into_owned())
                .collect();
            let stated = spec.field("type").and_then(|t| self.type_key(t));
            let values = spec.field("value");
            let mut value_nodes = Vec::new();
            if let Some(values) = values {
                let mut cursor = values.walk();
                value_nodes = values.named_children(&mut cursor).collect();
                self.module_items.push(values);
            }
            for (i, name) in names.into_iter().enumerate() {
                let ty = stated.clone().or_else(|| {
                    (value_nodes.len() == 1 || i < value_nodes.len())
                        .then(|| value_nodes.get(i).copied())
                        .flatten()
                        .and_then(|v| self.type_of(v, &none))
                });
                self.globals.insert(name, ty);
            }
        }
    }

    /// The type a type expression names, as a key: `T`, `*T`, `T[int]` → this
    /// package's `T`; `u.T` → the imported package's; predeclared and unnamed types
    /// (`int`, `[]T`, `func()`, `map[K]V`) → `None`.
    pub(super) fn type_key(&self, ty: Node<'_>) -> Option<Ty> {
        let mut current = ty;
        for _ in 0..crate::MAX_DEPTH {
            match current.kind_name() {
                "type_identifier" => {
                    let name = self.b.text(current);
                    if name.is_empty() || BUILTIN_TYPES.contains(&name.as_ref()) {
                        return None;
                    }
                    return Some(Ty { key: format!("{}.{name}", self.pkg), inferred: false });
                }
                "qualified_type" => {
                    let package = self.b.text(current.field("package")?);
                    let name = self.b.text(current.field("name")?);
                    let path = self.imports.get(package.as_ref())?;
                    return Some(Ty {
                        key: format!("{MODULE_PREFIX}{path}.{name}"),
                        inferred: false,
                    });
                }
                "generic_type" => current = current.field("type")?,
                "pointer_type" | "parenthesized_type" => current = current.named_child(0)?,
                _ => return None,
            }
        }
        None
    }

    /// The type of a func's result: the single type, or the first of a list
    /// (`(*T, error)`).
    fn result_type(&self, result: Node<'_>) -> Option<Ty> {
        if result.kind_name() != "parameter_list" {
            return self.type_key(result);
        }
        let mut cursor = result.walk();
        let first = result
            .named_children(&mut cursor)
            .find(|c| c.kind_name() == "parameter_declaration")?;
        self.type_key(first.field("type")?)
    }
}

/// The type name of a method's receiver: `(s *Server)`, `(Server)`, `(l *List[T])`.
fn receiver_type_name(receiver: Node<'_>, src: &[u8]) -> Option<String> {
    let mut cursor = receiver.walk();
    let param =
        receiver.named_children(&mut cursor).find(|c| c.kind_name() == "parameter_declaration")?;
    let mut ty = param.field("type")?;
    for _ in 0..crate::MAX_DEPTH {
        match ty.kind_name() {
            "type_identifier" => {
                let name = walk::text(ty, src).into_owned();
                return (!name.is_empty()).then_some(name);
            }
            "generic_type" => ty = ty.field("type")?,
            "pointer_type" | "parenthesized_type" => ty = ty.named_child(0)?,
            _ => return None,
        }
    }
    None
}

/// The name a package is imported by when the import names none: the last path
/// element, without a major-version element (`x/y/v2` → `y`) or suffix
/// (`gopkg.in/yaml.v3` → `yaml`).
fn default_package_name(path: &str) -> &str {
    let mut parts = path.rsplit('/');
    let last = parts.next().unwrap_or(path);
    let is_version = |s: &str| {
        s.strip_prefix('v').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let last = if is_version(last) { parts.next().unwrap_or(last) } else { last };
    match last.rsplit_once('.') {
        Some((stem, version)) if is_version(version) => stem,
        _ => last,
    }
}

/// The named children of `container` that are not comments, each with its doc
/// comment: the block of comments that ends on the line above it (a comment that
/// starts on the line the previous item ends on trails that item).
fn with_docs<'t>(container: Node<'t>, src: &[u8]) -> Vec<(Node<'t>, Option<String>)> {
    let mut out = Vec::new();
    let mut comments: Vec<Node<'t>> = Vec::new();
    let mut previous_end: Option<usize> = None;
    let mut cursor = container.walk();
    for item in container.named_children(&mut cursor) {
        if item.kind_name() == "comment" {
            let start = item.start_position().row;
            if previous_end == Some(start) {
                continue;
            }
            let adjacent = comments.last().is_some_and(|c| c.end_position().row + 1 >= start);
            if !adjacent {
                comments.clear();
            }
            comments.push(item);
            continue;
        }
        let block = std::mem::take(&mut comments);
        previous_end = Some(item.end_position().row);
        let doc = block
            .last()
            .filter(|last| last.end_position().row + 1 >= item.start_position().row)
            .and_then(|_| doc_text(&block, src));
        out.push((item, doc));
    }
    out
}

/// The text of a GoDoc comment block: `//` lines and `/* */` blocks without their
/// markers (and one space after `//`); blank lines at either end dropped; `None`
/// when nothing is left. Directives (`//go:generate`, `//nolint`) are not doc.
fn doc_text(comments: &[Node<'_>], src: &[u8]) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    for comment in comments {
        let text = walk::text(*comment, src);
        if let Some(block) = text.strip_prefix("/*") {
            let block = block.strip_suffix("*/").unwrap_or(block);
            lines.extend(block.lines().map(|l| l.trim_end().to_owned()));
        } else {
            let line = text.strip_prefix("//").unwrap_or(&text);
            if line.starts_with("go:") || line.starts_with("nolint") || line.starts_with("line ") {
                continue;
            }
            lines.push(line.strip_prefix(' ').unwrap_or(line).trim_end().to_owned());
        }
    }
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let doc = lines.join("\n");
    (!doc.is_empty()).then_some(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_names_drop_major_versions() {
        assert_eq!(default_package_name("fmt"), "fmt");
        assert_eq!(default_package_name("net/http"), "http");
        assert_eq!(default_package_name("github.com/x/y/v2"), "y");
        assert_eq!(default_package_name("gopkg.in/yaml.v3"), "yaml");
    }
}
