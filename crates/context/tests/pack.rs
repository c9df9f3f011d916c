//! `context.pack` at its boundary: a fixture tree indexed with `index`, packed with
//! `context::pack` on a read-only store, checked for what a user of the pack sees.

use context::{pack, PackError, Sessions, Tokenizer};
use proptest::prelude::*;
use protocol::{ContextParams, ContextResult, Encoding, PackRole, Source};
use std::sync::OnceLock;
use store::Store;
use test_fixture::write;

/// A tree on disk and its index.
struct Fixture {
    dir: tempfile::TempDir,
    config: index::Config,
}

impl Fixture {
    /// Writes `files` (`(root-relative path, content)`) and indexes them.
    fn new(files: &[(&str, String)]) -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        for (rel, content) in files {
            write(dir.path(), rel, content);
        }
        let config = index::Config::new(dir.path()).unwrap();
        let fixture = Fixture { dir, config };
        fixture.reindex();
        fixture
    }

    fn reindex(&self) {
        index::index(&self.config, &|_| {}).unwrap();
    }

    fn store(&self) -> Store {
        Store::open_read_only(&self.config.db_path()).unwrap()
    }

    fn pack(&self, params: ContextParams) -> Result<ContextResult, PackError> {
        pack(&self.store(), None, &params, 0, Source::Store)
    }
}

fn seeds(nodes: &[&str], budget: u32) -> ContextParams {
    ContextParams {
        nodes: nodes.iter().map(|s| s.to_string()).collect(),
        budget: Some(budget),
        ..ContextParams::default()
    }
}

const SHOP: &str = r#""""Shop logic."""


def price(item, qty):
    """Compute the price of qty items."""
    return item.unit * qty


def checkout(cart):
    """Sum the cart."""
    total = 0
    for item, qty in cart:
        total += price(item, qty)
    return total


def unrelated():
    """Nothing to do with prices."""
    return 42


def also_unrelated():
    """Neither is this."""
    return unrelated()


class Cart:
    """A shopping cart."""

    def add(self, item):
        """Add an item."""
        self.items.append(item)

    def total(self):
        """Total of the cart."""
        return checkout(self.items)
"#;

const SHOP_TEST: &str = r#"from pkg.shop import price


def test_price():
    assert price(None, 0) == 0
"#;

fn shop() -> Fixture {
    Fixture::new(&[("pkg/shop.py", SHOP.into()), ("tests/test_shop.py", SHOP_TEST.into())])
}

fn position(r: &ContextResult, id: &str) -> usize {
    let ranked: Vec<&str> = r.included.iter().chain(&r.omitted).map(|i| i.id.as_str()).collect();
    ranked.iter().position(|x| *x == id).unwrap_or_else(|| panic!("{id} not ranked: {ranked:?}"))
}

#[test]
fn seeds_come_first_with_source_then_the_caller_and_test_above_unrelated_code() {
    let f = shop();
    let r = f.pack(seeds(&["price"], 4000)).unwrap();
    let first = &r.included[0];
    assert_eq!(
        (first.id.as_str(), first.role, first.source),
        ("pkg/shop.py::price", PackRole::Seed, true)
    );
    assert!(r.text.contains("    return item.unit * qty"), "seed source missing:\n{}", r.text);
    let caller = position(&r, "pkg/shop.py::checkout");
    let test = position(&r, "tests/test_shop.py::test_price");
    let unrelated = position(&r, "pkg/shop.py::unrelated");
    assert!(caller < unrelated && test < unrelated, "{:#?}", r.included);
    let role = |id: &str| r.included.iter().find(|i| i.id == id).unwrap().role;
    assert_eq!(role("pkg/shop.py::checkout"), PackRole::Caller);
    assert_eq!(role("tests/test_shop.py::test_price"), PackRole::Test);
    // Others are signature + summary + location, not source.
    assert!(r.text.contains("caller · pkg/shop.py:9-14 · function checkout\n    def checkout(cart)\n    Sum the cart.\n"), "{}", r.text);
    assert!(!r.text.contains("total += price"));
}

#[test]
fn seeds_say_what_their_answers_could_not_resolve() {
    let f = shop();
    let r = f.pack(seeds(&["price", "Cart.add"], 4000)).unwrap();
    let counts: Vec<(&str, u64, u64, u64)> =
        r.possible.iter().map(|c| (c.id.as_str(), c.callers, c.callees, c.tests)).collect();
    assert_eq!(counts, [("pkg/shop.py::price", 0, 0, 0), ("pkg/shop.py::Cart.add", 0, 1, 0)]);
    assert!(
        r.text.contains(
            "possible · none: every call site named price and every call it makes resolved (definite)\n"
        ),
        "{}",
        r.text
    );
    // `self.items.append(item)` resolves to nothing: the pack says so.
    assert!(
        r.text.contains("possible · +0 callers by name (unresolved receivers), +1 unresolved calls, +0 tests by name"),
        "{}",
        r.text
    );
}

#[test]
fn seeds_name_their_tests_and_how_each_reaches_them() {
    let cart_test = "from pkg.shop import Cart\n\n\ndef test_total():\n    Cart().total()\n";
    let f = Fixture::new(&[
        ("pkg/shop.py", SHOP.into()),
        ("tests/test_shop.py", SHOP_TEST.into()),
        ("tests/test_cart.py", cart_test.into()),
    ]);
    let r = f.pack(seeds(&["price"], 4000)).unwrap();
    assert!(
        r.text.contains(
            "tests · tests/test_shop.py::test_price, tests/test_cart.py::test_total \
             (indirect: 3 edges, via pkg/shop.py::Cart.total)\n"
        ),
        "{}",
        r.text
    );
    let seed = &r.tests[0];
    assert_eq!((seed.id.as_str(), seed.total), ("pkg/shop.py::price", 2));
    let depths: Vec<(&str, u32)> = seed.tests.iter().map(|t| (t.test.as_str(), t.depth)).collect();
    assert_eq!(
        depths,
        [("tests/test_shop.py::test_price", 1), ("tests/test_cart.py::test_total", 3)]
    );
}

#[test]
fn included_items_are_listed_in_text_order_and_the_rest_as_omitted() {
    let f = shop();
    let r = f.pack(seeds(&["Cart.total"], 70)).unwrap();
    assert!(r.tokens <= 70);
    assert!(!r.omitted.is_empty(), "a 70-token budget cannot hold everything");
    let mut at = 0;
    for item in &r.included {
        let header = format!("{}:{}-{}", item.path, item.start_line, item.end_line);
        let found = r.text[at..].find(&header).unwrap_or_else(|| panic!("{header} out of order"));
        at += found + header.len();
    }
    for item in &r.omitted {
        assert!(!r.included.iter().any(|i| i.id == item.id));
    }
}

#[test]
fn a_seed_too_big_for_the_budget_falls_back_to_its_signature() {
    let body: String =
        (0..300).map(|i| format!("    x{i} = compute({i}, 'padding text')\n")).collect();
    let f = Fixture::new(&[("big.py", format!("def huge():\n    \"\"\"Huge.\"\"\"\n{body}"))]);
    let r = f.pack(seeds(&["huge"], 100)).unwrap();
    assert_eq!(r.included[0].id, "big.py::huge");
    assert!(!r.included[0].source);
    assert!(r.text.contains("def huge()") && !r.text.contains("x299"), "{}", r.text);
}

#[test]
fn a_file_changed_since_indexing_shows_the_seed_without_source_and_says_so() {
    let f = shop();
    write(f.dir.path(), "pkg/shop.py", &SHOP.replace("item.unit * qty", "item.unit * qty * 2"));
    let r = f.pack(seeds(&["price"], 4000)).unwrap();
    assert!(!r.included[0].source);
    assert!(r.text.contains("source not shown: file changed on disk since indexed"), "{}", r.text);
    assert!(!r.text.contains("item.unit"));
}

#[test]
fn a_query_finds_the_seeds() {
    let f = shop();
    let params = ContextParams { query: Some("shopping cart".into()), ..ContextParams::default() };
    let r = f.pack(params).unwrap();
    assert_eq!(r.included[0].id, "pkg/shop.py::Cart");
    assert_eq!(r.included[0].role, PackRole::Seed);
}

#[test]
fn bad_requests_are_refused_with_their_kind() {
    let f = shop();
    assert!(matches!(f.pack(ContextParams::default()), Err(PackError::InvalidParams(_))));
    assert!(matches!(f.pack(seeds(&["price"], 0)), Err(PackError::InvalidParams(_))));
    assert!(matches!(
        f.pack(seeds(&["price"], protocol::MAX_BUDGET + 1)),
        Err(PackError::InvalidParams(_))
    ));
    assert!(matches!(f.pack(seeds(&["nosuchthing"], 100)), Err(PackError::NotFound(_))));
    let twice = Fixture::new(&[
        ("a.py", "def f():\n    pass\n".into()),
        ("b.py", "def f():\n    pass\n".into()),
    ]);
    match twice.pack(seeds(&["f"], 100)) {
        Err(PackError::Ambiguous { candidates, .. }) => assert_eq!(candidates.len(), 2),
        other => panic!("expected ambiguous, got {other:?}"),
    }
    let long = ContextParams { session: Some("s".repeat(129)), ..seeds(&["price"], 100) };
    assert!(matches!(f.pack(long), Err(PackError::InvalidParams(_))));
}

#[test]
fn a_second_pack_in_a_session_after_an_edit_sends_only_the_changed_node() {
    let f = shop();
    let sessions = Sessions::default();
    let params = ContextParams { session: Some("agent-1".into()), ..seeds(&["checkout"], 4000) };
    let first = pack(&f.store(), Some(&sessions), &params, 0, Source::Daemon).unwrap();
    assert!(first.included.len() > 3 && first.omitted.is_empty(), "{:#?}", first.included);
    assert!(first.unchanged.is_empty());

    // Change the body of one callee, then re-index.
    write(f.dir.path(), "pkg/shop.py", &SHOP.replace("item.unit * qty", "item.unit * qty * 2"));
    f.reindex();
    let second = pack(&f.store(), Some(&sessions), &params, 0, Source::Daemon).unwrap();
    // `price` changed, and so did its module (whose span is the whole file).
    let changed = ["pkg/shop.py::price", "pkg/shop.py"];
    let mut sent: Vec<&str> = second.included.iter().map(|i| i.id.as_str()).collect();
    sent.sort();
    assert_eq!(sent, ["pkg/shop.py", "pkg/shop.py::price"], "\n{}", second.text);
    let mut unchanged = second.unchanged.clone();
    unchanged.sort();
    let mut expected: Vec<String> = first
        .included
        .iter()
        .map(|i| i.id.clone())
        .filter(|id| !changed.contains(&id.as_str()))
        .collect();
    expected.sort();
    assert_eq!(unchanged, expected);
    assert_eq!(second.session.as_deref(), Some("agent-1"));

    // Another session gets everything.
    let other = ContextParams { session: Some("agent-2".into()), ..params.clone() };
    let third = pack(&f.store(), Some(&sessions), &other, 0, Source::Daemon).unwrap();
    assert_eq!(third.included.len(), first.included.len());
}

#[test]
fn without_sessions_every_pack_is_whole_and_the_session_is_echoed() {
    let f = shop();
    let params = ContextParams { session: Some("s".into()), ..seeds(&["checkout"], 4000) };
    let a = f.pack(params.clone()).unwrap();
    let b = f.pack(params).unwrap();
    assert_eq!(a.included, b.included);
    assert!(b.unchanged.is_empty());
    assert_eq!(b.session.as_deref(), Some("s"));
}

/// A larger tree for the property test: 60 functions in 6 modules, each calling two
/// others, with docstrings of varied length, a class per module and tests.
fn generated() -> &'static (Fixture, Vec<String>) {
    static FIXTURE: OnceLock<(Fixture, Vec<String>)> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let mut files = Vec::new();
        let mut names = Vec::new();
        for m in 0..6 {
            let mut src = format!("\"\"\"Module {m}.\"\"\"\nfrom pkg import *\n\n");
            for i in 0..10 {
                let n = m * 10 + i;
                let (a, b) = ((n * 7 + 3) % 60, (n * 13 + 5) % 60);
                let doc = "Does a thing with widgets and gadgets. ".repeat(1 + n % 4);
                let body: String =
                    (0..(n % 9) * 4).map(|k| format!("    v{k} = w{k} + {n} * `x`\n")).collect();
                src.push_str(&format!(
                    "\ndef f{n}(x, y=None):\n    \"\"\"{doc}\"\"\"\n{body}    return f{a}(x) + f{b}(y)\n\n"
                ));
                names.push(format!("f{n}"));
            }
            src.push_str(&format!(
                "\nclass Thing{m}:\n    \"\"\"A thing.\"\"\"\n\n    def run(self):\n        return f{}(self)\n",
                m * 10
            ));
            names.push(format!("Thing{m}.run"));
            files.push((format!("pkg/m{m}.py"), src));
        }
        let tests: String =
            (0..20).map(|t| format!("def test_f{t}():\n    assert f{}(1)\n\n", t * 3)).collect();
        files.push(("tests/test_all.py".into(), format!("from pkg.m0 import *\n\n{tests}")));
        let borrowed: Vec<(&str, String)> =
            files.iter().map(|(p, c)| (p.as_str(), c.clone())).collect();
        (Fixture::new(&borrowed), names)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn the_pack_never_exceeds_the_budget_and_tokens_counts_its_text(
        budget in 1u32..=8000,
        picks in proptest::collection::vec(0usize..66, 1..4),
        cl100k in any::<bool>(),
    ) {
        let (f, names) = generated();
        let encoding = if cl100k { Encoding::Cl100kBase } else { Encoding::O200kBase };
        let nodes: Vec<String> = picks.iter().map(|&i| names[i].clone()).collect();
        let params = ContextParams {
            nodes,
            budget: Some(budget),
            encoding: Some(encoding),
            ..ContextParams::default()
        };
        let r = f.pack(params).unwrap();
        prop_assert!(r.tokens <= budget, "{} tokens for a budget of {budget}", r.tokens);
        prop_assert_eq!(r.tokens, Tokenizer::get(encoding).unwrap().count(&r.text));
        prop_assert_eq!(r.encoding, encoding);
        if budget >= 2000 {
            prop_assert!(!r.included.is_empty());
        }
    }
}
