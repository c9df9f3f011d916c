//! The abstract values of callee and receiver evaluation, shared by the Python and
//! JavaScript/TypeScript extractors: what an expression evaluates to as far as its
//! file tells, unions of a few alternatives, and the memo of computed values. Rust
//! types receivers with its own `Ty`, but bounds that evaluation with the same
//! [`Depth`] guard.

use crate::builder::NodeIdx;
use std::collections::HashMap;
use std::hash::Hash;

/// What an expression evaluates to, as far as the file tells.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value {
    /// A definition of this file: a class (the class object itself), a function or a
    /// method; in JavaScript also an object literal or a namespace.
    Def(NodeIdx),
    /// Something known by a global key only: a module, class or function of another
    /// file, or outside the root. `shown` is the dotted name users see; `None` when
    /// the key is made up (`f.__return__`) and the source text reads better.
    Key { key: String, shown: Option<String> },
    /// An instance of a class (in TypeScript also a value of an interface type).
    Instance(Class),
    /// Python's `super()` in a method of this class (JavaScript's `super` is resolved
    /// without a value and never makes one).
    Super(NodeIdx),
    /// One of a few values (`Union[A, B]`, `A | B`, an attribute assigned different
    /// classes, `A() if c else B()`): a call may reach each.
    Union(Vec<Value>),
    /// TypeScript: an instance of a generic class or interface of this file with the
    /// type arguments its type states (`Box<Apple>`), in the order of the class's
    /// type parameters (`None`: an argument the file does not evaluate).
    Generic { class: NodeIdx, args: Vec<Option<Value>> },
    /// JavaScript/TypeScript: an array (or another iterable: `Set<T>`,
    /// `Iterable<T>`) whose elements are the value.
    Array(Box<Value>),
}

/// At most this many alternatives make a [`Value::Union`]; more say nothing useful.
pub(crate) const MAX_UNION: usize = 4;

/// The union of `values` (flattened, without repeats); `None` when empty or bigger
/// than [`MAX_UNION`].
pub(crate) fn union(values: Vec<Value>) -> Option<Value> {
    let mut out: Vec<Value> = Vec::new();
    for v in values {
        let parts = match v {
            Value::Union(parts) => parts,
            v => vec![v],
        };
        for part in parts {
            if !out.contains(&part) {
                out.push(part);
            }
        }
    }
    match out.len() {
        0 => None,
        1 => out.pop(),
        n if n <= MAX_UNION => Some(Value::Union(out)),
        _ => None,
    }
}

/// A class (or TypeScript interface) an instance belongs to.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Class {
    /// A class of this file.
    Def(NodeIdx),
    /// A class known by its global key; `shown` as for [`Value::Key`].
    Key { key: String, shown: Option<String> },
}

/// A value, and whether finding it took a heuristic (a receiver's class or type).
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Eval {
    /// What the expression evaluates to.
    pub(crate) value: Value,
    /// True when a heuristic was needed: edges found through it are `inferred`.
    pub(crate) inferred: bool,
}

/// Bound on nested evaluations (assignment and declaration chains, return types,
/// attributes and fields).
pub(crate) const MAX_EVAL_DEPTH: usize = 24;

/// The number of nested evaluations in progress: evaluation recurses through the
/// file's own definitions (a name's value, a function's return, a field's type), not
/// just down the syntax tree, so it is bounded by a count of its own.
#[derive(Debug, Default)]
pub(crate) struct Depth(usize);

impl Depth {
    /// Enters one more level and returns true, or returns false (entering nothing)
    /// when `max` levels are already in progress. Each true is paired with a
    /// [`Depth::leave`].
    pub(crate) fn enter(&mut self, max: usize) -> bool {
        if self.0 >= max {
            return false;
        }
        self.0 += 1;
        true
    }

    /// Leaves a level entered by [`Depth::enter`].
    pub(crate) fn leave(&mut self) {
        self.0 -= 1;
    }
}

/// Values computed at most once per key, by computations that may ask for their own
/// key again through recursive code (`def f(): return f()`, a field assigned from
/// itself): while a key is being computed it reads as unknown, which ends the
/// recursion without a depth count. Used for return values and attribute values.
/// How the returns of a function are merged stays with each language: Python takes
/// their [`union`], JavaScript needs them all equal.
pub(crate) struct Memo<K>(HashMap<K, Option<Eval>>);

impl<K: Eq + Hash> Memo<K> {
    /// An empty memo.
    pub(crate) fn new() -> Self {
        Memo(HashMap::new())
    }

    /// What is known of `key`: `None` when it was never asked for, `Some(None)` when
    /// it has no value or is being computed.
    pub(crate) fn get(&self, key: &K) -> Option<Option<Eval>> {
        self.0.get(key).cloned()
    }

    /// Marks `key` as being computed: until [`Memo::set`], it reads as unknown.
    pub(crate) fn start(&mut self, key: K) {
        self.0.insert(key, None);
    }

    /// Records the value of `key` and returns it.
    pub(crate) fn set(&mut self, key: K, value: Option<Eval>) -> Option<Eval> {
        self.0.insert(key, value.clone());
        value
    }
}
