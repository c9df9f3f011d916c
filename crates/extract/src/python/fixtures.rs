//! pytest fixtures: which parameters of a test or fixture are fixtures, where each is
//! defined (this module, an import, or the nearest `conftest.py` that defines it,
//! linked through `m.__fixtures__`), and the value a test receives from it (what the
//! fixture returns, or yields), so that `client.get()` in a test types like a local.

use super::*;
use crate::walk::{Fields, Kinds};

/// Fixtures pytest itself (and its best-known plugins) provides: never defined in the
/// tree, so never looked up in `conftest.py` files.
const BUILTIN_FIXTURES: &[&str] = &[
    "cache",
    "capfd",
    "capfdbinary",
    "caplog",
    "capsys",
    "capsysbinary",
    "doctest_namespace",
    "event_loop",
    "mocker",
    "monkeypatch",
    "pytestconfig",
    "pytester",
    "record_property",
    "record_testsuite_property",
    "record_xml_attribute",
    "recwarn",
    "request",
    "testdir",
    "tmp_path",
    "tmp_path_factory",
    "tmpdir",
    "tmpdir_factory",
];

/// Where a fixture a test names is defined.
pub(super) enum FixtureAt {
    /// A fixture function of this module.
    Local(NodeIdx),
    /// A name this module imports (`from .fixtures import client`): its key.
    Imported(String),
    /// Not in this module: the key under `m.__fixtures__` that links to the nearest
    /// `conftest.py` defining it.
    Conftest(String),
}

/// Whether a decorator makes a pytest fixture: `@pytest.fixture`, `@fixture`,
/// `@pytest.fixture(scope=...)`, `@pytest_asyncio.fixture`.
fn is_fixture_decorator(decorator: &str) -> bool {
    let head = decorator.trim_start_matches('@');
    let head = head.split('(').next().unwrap_or(head).trim();
    head == "fixture" || head.ends_with(".fixture")
}

/// The argument names of a `@pytest.mark.parametrize("a, b", ...)` decorator: they
/// are parameters, not fixtures.
fn parametrized_names(decorator: &str) -> Vec<String> {
    let Some((_, args)) = decorator.split_once("parametrize(") else { return Vec::new() };
    let args = args.trim_start();
    let Some(quote) = args.chars().next().filter(|c| *c == '"' || *c == '\'') else {
        return Vec::new();
    };
    let rest = &args[1..];
    let names = rest.split(quote).next().unwrap_or("");
    names.split(',').map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()).collect()
}

impl<'s, 't> Py<'s, 't> {
    /// Whether node `idx` is a pytest fixture function.
    pub(super) fn is_fixture(&self, idx: NodeIdx) -> bool {
        self.b.nodes[idx].kind.is_callable()
            && self.b.nodes[idx].decorators.iter().any(|d| is_fixture_decorator(d))
    }

    /// The parameter names of function `idx` that pytest fills with fixtures: every
    /// plain parameter of a fixture, or of a pytest test (a `test*` function of a test
    /// file or marked `@pytest.mark`, or a `test*` method of a `Test*` class of a test
    /// file), but those `parametrize` names and pytest's own fixtures. Empty for any
    /// other function.
    pub(super) fn takes_fixtures(&self, idx: NodeIdx) -> HashSet<String> {
        let node = &self.b.nodes[idx];
        if !node.kind.is_callable() {
            return HashSet::new();
        }
        let Some(&(syntax, scope)) = self.defs.get(&idx) else { return HashSet::new() };
        let marked = node.decorators.iter().any(|d| d.starts_with("@pytest.mark."));
        let test_file = emit::is_test_file(self.b.path);
        let is_test = node.name.starts_with("test")
            && match self.scopes[scope].kind {
                ScopeKind::Module => test_file || marked,
                ScopeKind::Class => {
                    test_file && self.b.nodes[self.scopes[scope].owner].name.starts_with("Test")
                }
                ScopeKind::Function => false,
            };
        if !is_test && !self.is_fixture(idx) {
            return HashSet::new();
        }
        let Some(params) = syntax.field("parameters") else {
            return HashSet::new();
        };
        let skipped: HashSet<String> =
            node.decorators.iter().flat_map(|d| parametrized_names(d)).collect();
        // A method's first parameter is its instance (or class), not a fixture.
        let method = self.scopes[scope].kind == ScopeKind::Class
            && !node.decorators.iter().any(|d| d == "@staticmethod");
        let mut names = HashSet::new();
        let mut c = params.walk();
        for (i, param) in params.named_children(&mut c).enumerate() {
            if param.kind_name() != "identifier" || (method && i == 0) {
                continue;
            }
            let name = self.b.text(param).into_owned();
            if !skipped.contains(&name) && !BUILTIN_FIXTURES.contains(&name.as_str()) {
                names.insert(name);
            }
        }
        names
    }

    /// Where the fixture `name` a test of this module asks for is defined: a fixture
    /// function of the module, an imported name, else a `conftest.py` above.
    pub(super) fn fixture_at(&self, name: &str) -> FixtureAt {
        match self.scopes[0].bindings.get(name) {
            Some(Binding::Node(idx)) if self.is_fixture(*idx) => FixtureAt::Local(*idx),
            Some(Binding::Import { key, .. }) => FixtureAt::Imported(key.clone()),
            _ => FixtureAt::Conftest(format!("{}.{name}", keys::fixtures(&self.module_key))),
        }
    }

    /// What a test receives for fixture parameter `name`: the value of a fixture of
    /// this module ([`Self::fixture_value`]), or an instance of what the fixture's key
    /// returns (`K.__return__`, exported by the defining file), for one elsewhere.
    pub(super) fn fixture_param(&mut self, name: &str) -> Option<Eval> {
        let key = match self.fixture_at(name) {
            FixtureAt::Local(idx) => return self.fixture_value(idx),
            FixtureAt::Imported(key) | FixtureAt::Conftest(key) => key,
        };
        let class = Class::Key { key: keys::returns(&key), shown: None };
        Some(Eval { value: Value::Instance(class), inferred: true })
    }

    /// The value fixture function `idx` gives a test: what it returns, or for a yield
    /// fixture what it yields (its `Iterator[C]`/`Generator[C, ...]` annotation's
    /// element, or else the value every `yield` agrees on).
    pub(super) fn fixture_value(&mut self, idx: NodeIdx) -> Option<Eval> {
        let owner = *self.body_owner.get(&idx)?;
        if !self.owners[owner].generator {
            return self.return_value(idx);
        }
        let (syntax, _) = *self.defs.get(&idx)?;
        if let Some(ty) = syntax.field("return_type") {
            let value = self.element_of(ty, Ctx { owner, pos: 0, user: None })?;
            return Some(Eval { value, inferred: true });
        }
        let mut values = Vec::new();
        for expr in self.owners[owner].yields.clone() {
            let value = expr.named_child(0).filter(|v| v.kind_name() != "from")?;
            let ctx = Ctx { owner, pos: expr.start_byte(), user: None };
            values.push(self.eval(value, ctx)?.value);
        }
        Some(Eval { value: union(values)?, inferred: true })
    }

    /// The `tests` edge roots of test `test`'s fixtures: the fixture functions its
    /// parameters name (a fixture runs as part of the test), at the `def` line.
    pub(super) fn fixture_roots(&self, test: NodeIdx, line: u32) -> Vec<(Target, u32)> {
        let mut names: Vec<String> = self.takes_fixtures(test).into_iter().collect();
        names.sort();
        let mut roots = Vec::new();
        for name in names {
            let target = match self.fixture_at(&name) {
                FixtureAt::Local(idx) => {
                    Target::Node { id: self.b.nodes[idx].id.clone(), provenance: Provenance::Exact }
                }
                FixtureAt::Imported(key) | FixtureAt::Conftest(key) => {
                    Target::Key { key, name: name.clone(), inferred: false }
                }
            };
            roots.push((target, line));
        }
        roots
    }

    /// Exports `m.__fixtures__.*` → the `conftest` module of this file's directory
    /// and of each directory above it, nearest first (with an order row), when some
    /// test or fixture of the module takes a fixture it does not define or import.
    /// A `conftest.py` starts one directory up (its own fixtures are its module's).
    pub(super) fn export_fixture_scope(&mut self) {
        let mut needed = false;
        for idx in 1..self.b.nodes.len() {
            let names = self.takes_fixtures(idx);
            if names.iter().any(|n| matches!(self.fixture_at(n), FixtureAt::Conftest(_))) {
                needed = true;
                break;
            }
        }
        if !needed {
            return;
        }
        let mut dirs: Vec<&str> = Vec::new();
        let mut dir = self.b.path.rsplit_once('/').map_or("", |(d, _)| d);
        let file = self.b.path.rsplit('/').next().unwrap_or(self.b.path);
        let is_conftest = file == "conftest.py";
        loop {
            dirs.push(dir);
            if dir.is_empty() {
                break;
            }
            dir = dir.rsplit_once('/').map_or("", |(d, _)| d);
        }
        if is_conftest {
            dirs.remove(0);
        }
        let targets: Vec<String> = dirs
            .iter()
            .map(|d| {
                let path = if d.is_empty() {
                    "conftest.py".to_owned()
                } else {
                    format!("{d}/conftest.py")
                };
                format!("{}{}", keys::PYTHON, dotted_module(&path))
            })
            .collect();
        let scope = keys::star(&keys::fixtures(&self.module_key));
        for t in &targets {
            self.b.export_alias(scope.clone(), t.clone());
        }
        if targets.len() > 1 {
            self.b.export_alias(scope, keys::order(&targets));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixture_decorators_and_parametrize_names() {
        assert!(is_fixture_decorator("@pytest.fixture"));
        assert!(is_fixture_decorator("@pytest.fixture(scope=\"module\")"));
        assert!(is_fixture_decorator("@fixture"));
        assert!(!is_fixture_decorator("@pytest.mark.slow"));
        assert_eq!(parametrized_names("@pytest.mark.parametrize(\"a, b\", [(1, 2)])"), ["a", "b"]);
        assert_eq!(parametrized_names("@pytest.mark.parametrize('x', [1])"), ["x"]);
        assert!(parametrized_names("@pytest.mark.slow").is_empty());
    }
}
