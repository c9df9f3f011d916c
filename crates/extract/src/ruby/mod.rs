//! Ruby: modules, classes, methods, singleton methods, constants, `attr_*` members
//! and RSpec/Minitest tests become nodes; `require`s become imports; calls are
//! resolved within the file and, through keys, across the files of the root.
//!
//! Node kinds: the file is the `module` (named by its stem). A `module` is a
//! `class` node too (SPEC has no mixin kind; its signature says `module`), a `class`
//! a `class`, each nested one its outer's child, named by its last constant and
//! qualified through the path as written (`class B::C` inside `module A` is `C`,
//! `A.B.C`); a class reopened in the same
//! file is a second node (`A#2`, SPEC's duplicates rule), reopened in another file a
//! node of that file, and all of them are the one key of the class. A `def` is a
//! `method` in a class or module and a `function` elsewhere (the top level, an RSpec
//! block); `def self.m`, `def Name.m` and the `def`s of `class << self` are methods
//! named `self.m`; after a bare `module_function` a module's `def`s are both.
//! `attr_reader :x` makes a method `x`, `attr_writer` `x=`, `attr_accessor` both. A
//! constant assigned in a class, module or at the top level (`VERSION = "1.0"`) is a
//! `constant`. Blocks and lambdas are not nodes: their calls are the enclosing
//! definition's, except for the test blocks below.
//!
//! Symbol keys (see `docs/store.md`): `rb:` + the constant path from the top level,
//! each segment after a `.`: `rb:.Rack.Request`, an instance method
//! `rb:.Rack.Request.get?`, a singleton method `rb:.Rack.Request.<self>.build`, a
//! top-level `def` `rb:.helper` (a private method of `Object`, which every class
//! inherits). A superclass and the included and prepended modules are star rows
//! of the class (`{class}.*`, includes latest first and the superclass last, with an
//! `order:` row; a class or module without a superclass also stars to `rb:`, the top
//! level, as `Object` is its last ancestor), extended modules and the superclass's
//! singleton class star rows of `{class}.<self>`. A constant written inside a class
//! or module that the file does not define is keyed under the file's lexical scope,
//! `rb:@{path, dots as %2E}@{A::B}@{A}` (each entry of `Module.nesting`), whose star
//! rows lead to each module of the nesting, innermost first, and to `rb:`: the linker
//! then finds the constant where Ruby would, in the nesting and the ancestors.
//!
//! Calls: a call without a receiver (with or without parentheses; a bare name that is
//! no local variable is a call too) or on `self` is a method of the enclosing class
//! (its singleton class in `def self.m`, `class << self` and the class body), found
//! in the file's own definitions of the class or else through the class's key;
//! `Const.m` is a singleton method of the constant, `Const.new` reaches the class and
//! its `initialize` (possibly inherited); `super` the superclass's method of the same
//! name. A receiver typed by a local (`x = Klass.new`) or an instance variable
//! assigned `Klass.new` in any method of the class makes the call `inferred`; any
//! other receiver leaves the call unresolved, kept by its text (`user.save`). Calls
//! outside the root stay unresolved by name: `File.read`, `Foo#initialize` for
//! `Foo.new`'s constructor, `puts`. Declarations that are calls in Ruby (`require`,
//! `include`, `attr_reader`, `private`, ...) are not call edges.
//!
//! Imports: `require 'a/b'` is an `imports` edge to `rb:load:a/b`, which every file
//! exports for its path below each `lib`, `spec` and `test` directory (the load
//! path Bundler, RSpec and Rake set up); `require_relative '../x'` to `rb:file:` +
//! the path it names from the file's directory, which every file exports for its
//! root-relative path. The module's `imports` are the required strings.
//!
//! Doc comments are the full-line `#` comments (or a `=begin`/`=end` block) directly
//! above a definition; YARD's `@param name [Type]` and `@return [Type]` set
//! `has_type_hints` when every parameter and the return are typed that way.
//!
//! Tests: in a spec file (`*_spec.rb` or under `spec/`), `describe`/`context`/
//! `feature`/`shared_examples` blocks (also `RSpec.describe`) are `function` nodes
//! named by their description in double quotes (`"Calc"."#add"`), and
//! `it`/`specify`/`example`/`scenario` blocks are test nodes under them; `let(:x)`,
//! `let!` and `subject(:x)` blocks are helper functions named `x`, which the tests
//! that call `x` reach. Minitest and Test::Unit: in a class whose superclass ends in
//! `Test` or `TestCase` (`Minitest::Test`, `ActiveSupport::TestCase`), or that is
//! named `*Test` in a test file, a method `test_*` and a `test "..." do` block (a
//! method named by its description in quotes) are tests. Tests get `tests` edges to
//! what they call, directly or through the file's other definitions.
//!
//! The phases: [`lower`] (definitions breadth first, doc comments, signatures,
//! mixins, requires, test blocks), [`scopes`] (constant lookup, a body's local
//! variables and the classes of receivers), [`emit`] (call, inheritance and tests
//! edges, the resolution symbols).

use crate::builder::{self, FileBuilder, NodeIdx};
use crate::walk::{Fields, Kinds};
use crate::FileFacts;
use model::{keys, Language};
use std::collections::{HashMap, HashSet};
use tree_sitter::Node;

mod emit;
mod lower;
mod scopes;

/// What a constant path names, as far as the file tells.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Const {
    /// A class or module of this file (an index into `Rx::namespaces`); its
    /// reopenings in this file share its key.
    Ns(usize),
    /// A constant of this file that is no class or module (`VERSION = "1"`).
    Value(NodeIdx),
    /// A constant known by key only: defined in another file, or outside the root.
    /// `shown` is the path as Ruby writes it (`Rack::Request`).
    Key { key: String, shown: String },
}

/// How a module enters a class's ancestors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MixinKind {
    Include,
    Prepend,
    Extend,
}

/// A class or module definition of this file (each reopening is one).
struct Ns {
    /// Its node.
    node: NodeIdx,
    /// The constant path from the top level (`["A", "B", "C"]`).
    path: Vec<String>,
    /// Its key (`rb:.A.B.C`).
    key: String,
    /// The superclass as written, and its line.
    superclass: Option<(Const, u32)>,
    /// `include`, `prepend` and `extend` in source order, with their lines.
    mixins: Vec<(MixinKind, Const, u32)>,
    /// Whether it says `extend self` (its instance methods are singleton ones too).
    extend_self: bool,
    /// Whether it is a Minitest / Test::Unit test class.
    is_test_class: bool,
}

/// A method's owner key (`rb:` for a function outside any class), whether it is a
/// singleton method, and its name.
type MethodKey = (String, bool, String);

/// A class key's ancestry over all its definitions in the file.
#[derive(Default)]
struct KeyFacts {
    /// Whether some definition says `extend self`.
    extend_self: bool,
    /// Whether no definition names a superclass or a mixin.
    bare: bool,
    /// Whether some definition includes or prepends a module (which `super` would
    /// reach before the superclass).
    includes: bool,
    /// Whether some definition extends a module.
    extends: bool,
    /// The first superclass written.
    superclass: Option<Const>,
}

/// At most this many modules of one class become star rows: a class of thousands
/// of mixins is generated code, and each star row costs every look-up through it.
const MAX_MIXINS: usize = 64;

/// What a body's calls come from and how its names are looked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BodyKind {
    /// A class, module or file body: calls of the class (or module) itself.
    Container,
    /// A method's or function's body: its parameters are locals.
    Method,
    /// A block made a node (an RSpec block, `let`, `test "..." do`): its block
    /// parameters are locals.
    Block,
}

/// A body whose calls are emitted.
struct Body<'t> {
    /// The node the calls come from.
    node: NodeIdx,
    /// The syntax scanned: a method or block (its parameters included), or a class
    /// body.
    syntax: Node<'t>,
    /// The class or module whose methods `self` has, if any.
    ns: Option<usize>,
    /// Whether `self` is the class itself (a class body, `def self.m`, `class <<
    /// self`) rather than an instance.
    singleton: bool,
    /// `Module.nesting` for constants written in the body (innermost first).
    nesting: Vec<usize>,
    /// The method's name, for `super`.
    method: Option<String>,
    kind: BodyKind,
}

/// The state of one Ruby file's extraction.
struct Rx<'s, 't> {
    b: FileBuilder<'s>,
    /// Classes and modules of this file, in lowering order.
    namespaces: Vec<Ns>,
    /// Namespaces by key (a class reopened in the file has several).
    ns_by_key: HashMap<String, Vec<usize>>,
    /// Methods by (owner key, singleton, name); the owner key of a function outside
    /// any class is `rb:`.
    methods: HashMap<MethodKey, Vec<NodeIdx>>,
    /// Constants (not classes) of this file by key.
    constants: HashMap<String, NodeIdx>,
    /// Each node's parent, for the helpers a test block sees.
    parents: HashMap<NodeIdx, NodeIdx>,
    /// Bodies whose calls are emitted, in lowering order.
    bodies: Vec<Body<'t>>,
    /// Syntax that is a body of its own (a node's block): other bodies skip it.
    claimed: HashSet<usize>,
    /// Test nodes (RSpec examples, Minitest tests).
    tests: Vec<NodeIdx>,
    /// Full-line comments by their last line: (first line, text).
    comments: HashMap<u32, (u32, String)>,
    /// The lexical scope keys used, with the namespaces of their nesting.
    scopes: Vec<(String, Vec<usize>)>,
    /// The keys of `scopes`.
    scope_keys: HashSet<String>,
    /// What the calls need to know of each class key over all its definitions in
    /// the file (filled before the calls are emitted).
    facts: HashMap<String, KeyFacts>,
    /// The classes RSpec `let` helpers give (`let(:c) { Calc.new }`), by node.
    let_classes: HashMap<NodeIdx, Const>,
    /// The instance variables' classes by (class key, name); `None` when assigned
    /// different ones.
    ivars: HashMap<(String, String), Option<Const>>,
}

/// Extracts a Ruby file (see the module docs).
pub(crate) fn extract(path: &str, src: &[u8]) -> FileFacts {
    let tree = builder::parse(&tree_sitter_ruby::LANGUAGE.into(), src);
    let root = tree.root_node();
    let mut rx = Rx {
        b: FileBuilder::new(path, src, Language::Ruby, &tree),
        namespaces: Vec::new(),
        ns_by_key: HashMap::new(),
        methods: HashMap::new(),
        constants: HashMap::new(),
        parents: HashMap::new(),
        bodies: Vec::new(),
        claimed: HashSet::new(),
        tests: Vec::new(),
        comments: HashMap::new(),
        scopes: Vec::new(),
        scope_keys: HashSet::new(),
        facts: HashMap::new(),
        ivars: HashMap::new(),
        let_classes: HashMap::new(),
    };
    rx.collect_comments(root);
    rx.items(root);
    rx.collect_ivars();
    rx.calls();
    rx.tests();
    rx.export_resolution_symbols();
    rx.b.finish()
}

/// The key space's prefix: `rb:` is also the top level's key.
const PREFIX: &str = keys::RUBY;

/// The key of the constant path `path` from the top level: `rb:.A.B`, `rb:` for
/// the top level itself.
fn const_key(path: &[String]) -> String {
    let mut key = PREFIX.to_owned();
    for segment in path {
        key.push('.');
        key.push_str(segment);
    }
    key
}

/// The key of method `name` of the class keyed `owner`: `{owner}.name`, or under
/// its singleton class `{owner}.<self>.name`.
fn method_key(owner: &str, singleton: bool, name: &str) -> String {
    if singleton {
        format!("{owner}.{}.{name}", keys::RUBY_SINGLETON)
    } else {
        format!("{owner}.{name}")
    }
}

/// A root-relative path as a key segment: without `.rb`, dots as `%2E` (a key's
/// members are split at dots).
fn path_segment(path: &str) -> String {
    path.strip_suffix(".rb").unwrap_or(path).replace('%', "%25").replace('.', "%2E")
}

/// The lexical scope key of the file at `path` for a nesting of constant paths
/// (innermost first): `rb:@lib/a%2Erb@A::B@A`.
fn scope_key(path: &str, nesting: &[&[String]]) -> String {
    let mut key = format!("{}{}", keys::RUBY_SCOPE, path.replace('%', "%25").replace('.', "%2E"));
    for entry in nesting {
        key.push('@');
        key.push_str(&entry.join("::"));
    }
    key
}

/// The directories whose contents `require` names paths relative to: Ruby's
/// `lib`, and the `spec` and `test` directories RSpec and Rake add.
const LOAD_DIRS: &[&str] = &["lib", "spec", "test"];

/// The paths `require` reaches the file at `path` by: its path below each load
/// directory among its ancestors (`a/lib/rack/request.rb` → `rack/request`).
fn load_names(path: &str) -> Vec<String> {
    let Some(rest) = path.strip_suffix(".rb") else { return Vec::new() };
    let parts: Vec<&str> = rest.split('/').collect();
    let mut out = Vec::new();
    for (i, dir) in parts.iter().enumerate().take(parts.len().saturating_sub(1)) {
        if LOAD_DIRS.contains(dir) {
            out.push(parts[i + 1..].join("/"));
        }
    }
    out
}

/// The root-relative path `require_relative target` names from the file at
/// `path`, or `None` when it climbs above the root.
fn relative_target(path: &str, target: &str) -> Option<String> {
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Whether the file at `path` holds RSpec examples: `*_spec.rb`, or under `spec/`.
fn is_spec_file(path: &str) -> bool {
    path.ends_with("_spec.rb") || crate::common::tests_edges::in_dir(path, "spec")
}

/// Whether the file at `path` holds Minitest or Test::Unit tests by its name or
/// place: `*_test.rb`, `test_*.rb`, or under `test/`.
fn is_test_file(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    file.ends_with("_test.rb")
        || file.starts_with("test_")
        || crate::common::tests_edges::in_dir(path, "test")
}

/// RSpec's example groups: a block named by its description, holding examples.
const RSPEC_GROUPS: &[&str] = &[
    "describe",
    "context",
    "feature",
    "shared_examples",
    "shared_examples_for",
    "shared_context",
    "xdescribe",
    "xcontext",
    "fdescribe",
    "fcontext",
];

/// RSpec's examples: the tests.
const RSPEC_EXAMPLES: &[&str] =
    &["it", "specify", "example", "scenario", "xit", "fit", "xspecify", "xexample"];

/// RSpec's memoized helpers, named by their symbol.
const RSPEC_LETS: &[&str] = &["let", "let!", "subject", "subject!"];

/// Calls that declare rather than do (the class's shape, its loading): no call
/// edges, since what they mean is modelled as nodes, imports and star rows.
const DECLARATIONS: &[&str] = &[
    "require",
    "require_relative",
    "autoload",
    "include",
    "extend",
    "prepend",
    "attr_reader",
    "attr_writer",
    "attr_accessor",
    "private",
    "public",
    "protected",
    "module_function",
    "private_constant",
    "public_constant",
    "private_class_method",
    "public_class_method",
    "alias_method",
];

/// McCabe cyclomatic complexity of a body: 1 + each `if`, `unless`, `elsif`,
/// `while`, `until`, `for`, `when`, `in` clause, `rescue`, `?:`, statement modifier
/// (`x if c`, `x rescue y`), `&&`, `||`, `and` and `or`, as the other extractors count
/// (McCabe 1976); nested definitions count for themselves.
/// Only named syntax counts: the keyword tokens have the constructs' kinds.
fn complexity(body: Node<'_>) -> u32 {
    crate::common::complexity::cyclomatic(body, |node| match node.kind_name() {
        // Keywords are tokens of the same kinds as the constructs (`if`, `when`).
        _ if !node.is_named() => Some(0),
        "if" | "unless" | "elsif" | "while" | "until" | "for" | "when" | "in_clause" | "rescue"
        | "conditional" | "if_modifier" | "unless_modifier" | "while_modifier"
        | "until_modifier" | "rescue_modifier" => Some(1),
        "binary" => Some(u32::from(
            node.field("operator")
                .is_some_and(|o| matches!(o.kind_name(), "&&" | "||" | "and" | "or")),
        )),
        "class" | "module" | "singleton_class" | "singleton_method" | "method" if node != body => {
            None
        }
        _ => Some(0),
    })
}

use crate::common::text::shown as short;

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(path: &str, src: &str) -> FileFacts {
        crate::checked(extract(path, src.as_bytes()), src)
    }

    #[test]
    fn keys_are_constant_paths_from_the_top_level() {
        assert_eq!(const_key(&[]), "rb:");
        assert_eq!(const_key(&["A".into(), "B".into()]), "rb:.A.B");
        assert_eq!(method_key("rb:.A", true, "m"), "rb:.A.<self>.m");
        assert_eq!(method_key("rb:.A", false, "m?"), "rb:.A.m?");
        let (a, b) = (vec!["A".to_owned(), "B".to_owned()], vec!["A".to_owned()]);
        assert_eq!(scope_key("lib/a.rb", &[&a, &b]), "rb:@lib/a%2Erb@A::B@A");
    }

    #[test]
    fn require_paths_are_relative_to_load_directories() {
        assert_eq!(load_names("lib/rack/request.rb"), ["rack/request"]);
        assert_eq!(load_names("gems/x/lib/x.rb"), ["x"]);
        assert_eq!(load_names("spec/spec_helper.rb"), ["spec_helper"]);
        assert!(load_names("app/models/user.rb").is_empty());
        assert!(load_names("Rakefile").is_empty());
        assert_eq!(relative_target("lib/a/b.rb", "../c").as_deref(), Some("lib/c"));
        assert_eq!(relative_target("b.rb", "./c/d").as_deref(), Some("c/d"));
        assert_eq!(relative_target("b.rb", "../c"), None);
        assert_eq!(path_segment("lib/a.b.rb"), "lib/a%2Eb");
    }

    #[test]
    fn test_files_are_told_by_name_and_place() {
        assert!(is_spec_file("spec/models/user_spec.rb"));
        assert!(is_spec_file("a_spec.rb"));
        assert!(!is_spec_file("lib/spec.rb"));
        assert!(is_test_file("test/test_helper.rb"));
        assert!(is_test_file("lib/x_test.rb"));
        assert!(is_test_file("test_x.rb"));
        assert!(!is_test_file("lib/contest.rb"));
    }

    #[test]
    fn complexity_counts_decisions_but_not_nested_definitions() {
        let src = "def f(x)\n  return 1 if x && x > 0\n  case x\n  when 1 then 2\n  when 2 then 3\n  end\n  def g; if a; end; end\nend\n";
        let facts = checked("a.rb", src);
        let f = facts.nodes.iter().find(|n| n.name == "f").expect("f");
        assert_eq!(f.complexity, 5);
        let g = facts.nodes.iter().find(|n| n.name == "g").expect("g");
        assert_eq!(g.complexity, 2);
    }

    #[test]
    fn every_prefix_of_a_file_keeps_the_invariants() {
        let src = "require 'a/b'\n# Doc.\n# @param x [Integer]\nmodule A\n  class B::C < Base\n    include M\n    attr_accessor :x\n    X = 1\n    def initialize(x) = @h = Helper.new(x)\n    def self.make(*a, &b) = new(1)\n    class << self\n      def build; end\n    end\n    def run\n      helper 1\n      @h.work { |i| puts i }\n      super\n    end\n  end\nend\ndescribe A do\n  let(:c) { A::B::C.new }\n  it 'runs' do\n    c.run\n  end\nend\n";
        for end in 0..=src.len() {
            if src.is_char_boundary(end) {
                checked("spec/a_spec.rb", &src[..end]);
            }
        }
    }
}
