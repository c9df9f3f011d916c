//! Regression tests for inputs that made extraction quadratic (issue 17, item 6):
//! deeply nested Rust closures, long runs of same-named or imported definitions,
//! files of many overloads or test calls, one-line files. Nothing here is timed: the
//! cause was tree-sitter's ancestor and sibling look-ups (`Node::parent` and the
//! `*_sibling` methods walk down from the root, O(depth × siblings) each), so the
//! extractors must not call them, which [`extractors_never_ask_for_parents_or_siblings`]
//! checks; the other tests pin what these inputs extract to. The full-size inputs
//! run with `CODEHUB_SLOW_TESTS=1`; their speed is measured by
//! `codehub-bench --pathological`.

/// The rule of `test_fixture::slow` (not a dependency here: extraction's tests build
/// without the store and the daemon).
fn slow() -> bool {
    std::env::var("CODEHUB_SLOW_TESTS").is_ok_and(|v| v == "1")
}

fn extract_checked(path: &str, src: &str) -> extract::FileFacts {
    let facts = extract::extract(path, src.as_bytes()).expect("a language codehub parses");
    let broken = extract::invariant_violations(&facts, src.len());
    assert!(broken.is_empty(), "{path}: {broken:#?}");
    facts
}

fn ids(facts: &extract::FileFacts) -> Vec<&str> {
    facts.nodes.iter().map(|n| n.id.as_str()).collect()
}

/// Strips the `//`-comments and string literals' contents that mention the
/// forbidden calls, then looks for the calls themselves.
#[test]
fn extractors_never_ask_for_parents_or_siblings() {
    let sources = [
        ("builder.rs", include_str!("../src/builder.rs")),
        ("walk.rs", include_str!("../src/walk.rs")),
        ("python/mod.rs", include_str!("../src/python/mod.rs")),
        ("python/lower.rs", include_str!("../src/python/lower.rs")),
        ("python/scopes.rs", include_str!("../src/python/scopes.rs")),
        ("python/infer.rs", include_str!("../src/python/infer.rs")),
        ("python/emit.rs", include_str!("../src/python/emit.rs")),
        ("c/mod.rs", include_str!("../src/c/mod.rs")),
        ("c/lower.rs", include_str!("../src/c/lower.rs")),
        ("c/scopes.rs", include_str!("../src/c/scopes.rs")),
        ("c/emit.rs", include_str!("../src/c/emit.rs")),
        ("rust/mod.rs", include_str!("../src/rust/mod.rs")),
        ("rust/lower.rs", include_str!("../src/rust/lower.rs")),
        ("rust/scopes.rs", include_str!("../src/rust/scopes.rs")),
        ("rust/infer.rs", include_str!("../src/rust/infer.rs")),
        ("rust/emit.rs", include_str!("../src/rust/emit.rs")),
        ("javascript/mod.rs", include_str!("../src/javascript/mod.rs")),
        ("javascript/lower.rs", include_str!("../src/javascript/lower.rs")),
        ("javascript/modules.rs", include_str!("../src/javascript/modules.rs")),
        ("javascript/scopes.rs", include_str!("../src/javascript/scopes.rs")),
        ("javascript/infer.rs", include_str!("../src/javascript/infer.rs")),
        ("javascript/emit.rs", include_str!("../src/javascript/emit.rs")),
        ("javascript/config.rs", include_str!("../src/javascript/config.rs")),
        ("common/mod.rs", include_str!("../src/common/mod.rs")),
        ("common/complexity.rs", include_str!("../src/common/complexity.rs")),
        ("common/docs.rs", include_str!("../src/common/docs.rs")),
        ("common/eval.rs", include_str!("../src/common/eval.rs")),
        ("common/tests_edges.rs", include_str!("../src/common/tests_edges.rs")),
        ("common/text.rs", include_str!("../src/common/text.rs")),
        ("go/mod.rs", include_str!("../src/go/mod.rs")),
        ("go/lower.rs", include_str!("../src/go/lower.rs")),
        ("go/scopes.rs", include_str!("../src/go/scopes.rs")),
        ("go/emit.rs", include_str!("../src/go/emit.rs")),
        ("java/mod.rs", include_str!("../src/java/mod.rs")),
        ("java/lower.rs", include_str!("../src/java/lower.rs")),
        ("java/scopes.rs", include_str!("../src/java/scopes.rs")),
        ("java/emit.rs", include_str!("../src/java/emit.rs")),
        ("csharp/mod.rs", include_str!("../src/csharp/mod.rs")),
        ("csharp/lower.rs", include_str!("../src/csharp/lower.rs")),
        ("csharp/scopes.rs", include_str!("../src/csharp/scopes.rs")),
        ("csharp/emit.rs", include_str!("../src/csharp/emit.rs")),
        ("cpp/mod.rs", include_str!("../src/cpp/mod.rs")),
        ("cpp/lower.rs", include_str!("../src/cpp/lower.rs")),
        ("cpp/scopes.rs", include_str!("../src/cpp/scopes.rs")),
        ("cpp/emit.rs", include_str!("../src/cpp/emit.rs")),
        ("ruby/mod.rs", include_str!("../src/ruby/mod.rs")),
        ("ruby/lower.rs", include_str!("../src/ruby/lower.rs")),
        ("ruby/scopes.rs", include_str!("../src/ruby/scopes.rs")),
        ("ruby/emit.rs", include_str!("../src/ruby/emit.rs")),
        ("php/mod.rs", include_str!("../src/php/mod.rs")),
        ("php/lower.rs", include_str!("../src/php/lower.rs")),
        ("php/scopes.rs", include_str!("../src/php/scopes.rs")),
        ("php/emit.rs", include_str!("../src/php/emit.rs")),
    ];
    let forbidden = [
        ".parent()",
        ".prev_sibling()",
        ".next_sibling()",
        ".prev_named_sibling()",
        ".next_named_sibling()",
    ];
    let mut found = Vec::new();
    for (file, text) in sources {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for call in forbidden {
                if code.contains(call) {
                    found.push(format!("{file}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "tree-sitter ancestor/sibling look-ups:\n{}", found.join("\n"));
}

fn nested_closures(n: usize) -> String {
    format!("fn main() {{\n    let f = {}0;\n}}\n", "|| ".repeat(n))
}

#[test]
fn nested_rust_closures_extract_as_their_function() {
    let n = if slow() { 20_000 } else { 3_000 };
    let facts = extract_checked("src/lib.rs", &nested_closures(n));
    assert_eq!(ids(&facts), ["src/lib.rs", "src/lib.rs::main"]);
    // Closures with typed parameters and `for` loops inside: the patterns are bound.
    let src = format!(
        "fn g(v: Vec<u8>) {{ let f = {}0; for x in v {{ x.count(); }} }}\n",
        "|a: u8| ".repeat(n)
    );
    let facts = extract_checked("src/lib.rs", &src);
    assert_eq!(ids(&facts), ["src/lib.rs", "src/lib.rs::g"]);
}

#[test]
fn rust_items_inside_nested_closures_keep_their_documentation() {
    let n = if slow() { 5_000 } else { 500 };
    let mut src = String::from("fn main() {\n");
    for i in 0..n {
        src.push_str(&format!("let c{i} = || {{\n/// Item {i}.\n#[inline]\nfn f{i}() {{}}\n"));
    }
    src.push_str(&"};\n".repeat(n));
    src.push_str("}\n");
    let facts = extract_checked("src/lib.rs", &src);
    assert_eq!(facts.nodes.len(), 2 + n);
    let last = facts.nodes.last().expect("nodes");
    assert_eq!(last.docstring.as_deref(), Some(format!("Item {}.", n - 1).as_str()));
    assert_eq!(last.decorators, ["#[inline]"]);
}

#[test]
fn many_same_named_python_functions_number_their_duplicates() {
    let n = if slow() { 40_000 } else { 4_000 };
    let facts = extract_checked("dups.py", &"def f(a):\n    return a\n\n".repeat(n));
    assert_eq!(facts.nodes.len(), 1 + n);
    assert_eq!(facts.nodes[1].id, "dups.py::f");
    assert_eq!(facts.nodes[n].id, format!("dups.py::f#{n}"));
}

#[test]
fn many_python_functions_and_imports_are_all_extracted() {
    let n = if slow() { 40_000 } else { 4_000 };
    let mut src = String::new();
    for i in 0..n {
        src.push_str(&format!(
            "import m{i}\n\ndef function_{i:05}(a, b):\n    return m{i}.g(a) + b\n\n"
        ));
    }
    let facts = extract_checked("big.py", &src);
    assert_eq!(facts.nodes.len(), 1 + n);
    assert_eq!(facts.nodes[0].imports.len(), n);
    let one_line: String = (0..n).map(|i| format!("X{i} = f({i}); ")).collect();
    let facts = extract_checked("one.py", &format!("{one_line}\n"));
    assert_eq!(facts.line_count, 1);
    assert_eq!(facts.nodes.len(), 1 + n, "module constants");
}

#[test]
fn many_typescript_overloads_collapse_into_their_implementations() {
    let n = if slow() { 20_000 } else { 2_000 };
    let src: String = (0..n)
        .map(|i| {
            format!("export function f{i}(a: string): void;\nexport function f{i}(a: any) {{}}\n")
        })
        .collect();
    let facts = extract_checked("o.ts", &src);
    assert_eq!(facts.nodes.len(), 1 + n);
    assert_eq!(facts.nodes[n].span.start_line as usize, 2 * n);
}

#[test]
fn many_typescript_narrowings_of_one_name_each_hold_only_where_they_guard() {
    let n = if slow() { 20_000 } else { 2_000 };
    let guards: String = (0..n).map(|_| "  if (x instanceof A) { x.m(); }\n").collect();
    let unguarded: String = (0..n).map(|_| "  x.m();\n").collect();
    let src = format!(
        "class A {{\n  m(): void {{}}\n}}\nexport function f(x: unknown): void {{\n{guards}{unguarded}}}\n"
    );
    let facts = extract_checked("n.ts", &src);
    let calls: Vec<_> = facts.edges.iter().filter(|e| e.kind == model::EdgeKind::Calls).collect();
    let resolved = calls.iter().filter(|e| matches!(e.target, extract::Target::Node { .. }));
    assert_eq!(calls.len(), 2 * n);
    assert_eq!(resolved.count(), n, "the guarded calls reach A.m, the others stay unresolved");
}

#[test]
fn a_long_chain_of_typescript_conditions_narrows_by_its_parts_nearest_the_call() {
    let n = if slow() { 20_000 } else { 2_000 };
    let chain: String = (0..n).map(|i| format!("y{i} && ")).collect();
    // `near`: the guard is the part before the call; `far`: thousands of parts
    // before it, past what a condition is searched for (nothing is narrowed).
    let src = format!(
        "class A {{\n  m(): void {{}}\n}}\n\
         export function near(x: unknown): boolean {{\n  return {chain}x instanceof A && x.m();\n}}\n\
         export function far(x: unknown): boolean {{\n  return x instanceof A && {chain}x.m();\n}}\n"
    );
    let facts = extract_checked("chain.ts", &src);
    let calls: Vec<_> = facts.edges.iter().filter(|e| e.kind == model::EdgeKind::Calls).collect();
    assert_eq!(calls.len(), 2);
    assert!(matches!(calls[0].target, extract::Target::Node { .. }), "{:?}", calls[0].target);
    assert!(matches!(calls[1].target, extract::Target::Name(_)), "{:?}", calls[1].target);
}

#[test]
fn calls_in_one_line_test_files_are_tests() {
    let n = if slow() { 40_000 } else { 3_000 };
    let calls: String = (0..n).map(|i| format!("f{i}(); ")).collect();
    let src = format!("function helper() {{}} it('works', () => {{ helper(); }}); {calls}\n");
    let facts = extract_checked("a.test.ts", &src);
    let tests: Vec<_> = facts.edges.iter().filter(|e| e.kind == model::EdgeKind::Tests).collect();
    assert_eq!(tests.len(), 1, "only the call inside the `it` callback is a test");
    let calls = facts.edges.iter().filter(|e| e.kind == model::EdgeKind::Calls).count();
    assert_eq!(calls, n + 2);
}

#[test]
fn one_line_typescript_files_are_extracted() {
    let n = if slow() { 50_000 } else { 5_000 };
    let src: String = (0..n).map(|i| format!("const x{i} = (a: number) => g(a); ")).collect();
    let facts = extract_checked("one.ts", &format!("{src}\n"));
    assert_eq!(facts.line_count, 1);
    assert_eq!(facts.nodes.len(), 1 + n);
}

/// C inputs with a shape that could make extraction quadratic: a macro body of
/// thousands of nested calls (its calls are read from tokens), a function with
/// thousands of calls, `#ifdef`s nested past `MAX_DEPTH`, and long declarator chains.
#[test]
fn c_torture_inputs_extract_with_their_invariants() {
    let n = if slow() { 200_000 } else { 20_000 };
    let nested_macro = format!("#define M(x) {}x{}\n", "f(".repeat(n), ")".repeat(n));
    let facts = extract_checked("m.h", &nested_macro);
    assert_eq!(ids(&facts), ["m.h", "m.h::M"]);
    let unbalanced = format!("#define U(x) {}x\n", "g(".repeat(n));
    extract_checked("u.h", &unbalanced);
    let many_calls = format!("int main(void) {{\n{}return 0;\n}}\n", "h(1);\n".repeat(n));
    let facts = extract_checked("main.c", &many_calls);
    assert_eq!(facts.edges.iter().filter(|e| e.kind == model::EdgeKind::Calls).count(), n);
    let ifdefs = format!(
        "{}int inner(void) {{ return 0; }}\n{}",
        "#ifdef X\n".repeat(n / 10),
        "#endif\n".repeat(n / 10)
    );
    let facts = extract_checked("ifdefs.c", &ifdefs);
    assert!(facts.diagnostics.iter().any(|d| d.message.contains("nesting deeper")));
    let pointers = format!("int {}p;\nint use(void) {{ return p(); }}\n", "*".repeat(n));
    let facts = extract_checked("pointers.c", &pointers);
    assert!(ids(&facts).contains(&"pointers.c::use"));
}

/// Go inputs that would make a naive extractor quadratic or overflow its stack: a
/// func of 20,000 calls, a method chain and a selector chain 20,000 long (typed
/// operand by operand), blocks nested past `MAX_DEPTH`, and a struct of 20,000
/// embedded fields.
#[test]
fn go_torture_inputs_extract_with_their_invariants() {
    let n = if slow() { 20_000 } else { 2_000 };
    let many_calls = format!("package p\n\nfunc f() {{\n{}}}\n", "\tg()\n".repeat(n));
    let facts = extract_checked("p/many.go", &many_calls);
    assert_eq!(ids(&facts), ["p/many.go", "p/many.go::f"]);
    let chain = format!(
        "package p\n\nfunc f(s *S) {{\n\ts{}.M()\n\tNew(){}.M()\n}}\n",
        ".x".repeat(n),
        ".Next()".repeat(n)
    );
    let facts = extract_checked("p/chain.go", &chain);
    assert_eq!(ids(&facts), ["p/chain.go", "p/chain.go::f"]);
    let blocks = format!("package p\n\nfunc f() {{\n{}g(){}\n}}\n", "{".repeat(n), "}".repeat(n));
    let facts = extract_checked("p/blocks.go", &blocks);
    assert_eq!(ids(&facts), ["p/blocks.go", "p/blocks.go::f"]);
    let embeds: String = (0..n).map(|i| format!("\tE{i}\n")).collect();
    let facts =
        extract_checked("p/embed.go", &format!("package p\n\ntype S struct {{\n{embeds}}}\n"));
    assert_eq!(ids(&facts), ["p/embed.go", "p/embed.go::S"]);
}

/// Java inputs that would make a naive extractor quadratic or overflow its stack: a
/// method of 20,000 calls, a builder chain and a field chain 20,000 long, blocks
/// nested past `MAX_DEPTH`, classes and anonymous classes nested past it, 20,000
/// overloads of one name called 20,000 times, and a class of 20,000 interfaces.
#[test]
fn java_torture_inputs_extract_with_their_invariants() {
    let n = if slow() { 20_000 } else { 2_000 };
    let many_calls =
        format!("package p;\nclass A {{\n  void f() {{\n{}  }}\n}}\n", "    g();\n".repeat(n));
    let facts = extract_checked("p/A.java", &many_calls);
    assert_eq!(ids(&facts), ["p/A.java", "p/A.java::A", "p/A.java::A.f"]);
    let chain = format!(
        "package p;\nclass A {{\n  A next() {{ return this; }}\n  A x;\n  void f() {{\n    new A(){}.next();\n    this{}.next();\n  }}\n}}\n",
        ".next()".repeat(n),
        ".x".repeat(n)
    );
    let facts = extract_checked("p/A.java", &chain);
    assert_eq!(ids(&facts), ["p/A.java", "p/A.java::A", "p/A.java::A.next", "p/A.java::A.f"]);
    let blocks = format!("class A {{ void f() {}g();{} }}\n", "{".repeat(n), "}".repeat(n));
    let facts = extract_checked("A.java", &blocks);
    assert_eq!(ids(&facts), ["A.java", "A.java::A", "A.java::A.f"]);
    let classes = format!("{}void m() {{}}{}", "class C { ".repeat(n), "}".repeat(n));
    let facts = extract_checked("C.java", &classes);
    assert!(facts.nodes.len() <= extract::MAX_DEPTH + 1);
    assert!(facts.diagnostics.iter().any(|d| d.message.contains("nesting deeper")));
    let anonymous = format!(
        "class A {{ void f() {{ {}{} }} }}",
        "new Object() { void g() { ".repeat(n),
        "} };".repeat(n)
    );
    let facts = extract_checked("A.java", &anonymous);
    assert!(facts.nodes.len() <= 2 * extract::MAX_DEPTH + 3);
    let overloads: String = (0..n)
        .map(|i| format!("  void put({}) {{}}\n", "int a, ".repeat(i % 5) + "int z"))
        .collect();
    let calls = "    put(1);\n".repeat(n);
    let facts = extract_checked(
        "O.java",
        &format!("class O {{\n{overloads}  void run() {{\n{calls}  }}\n}}\n"),
    );
    assert_eq!(facts.nodes.len(), n + 3);
    let interfaces: Vec<String> = (0..n).map(|i| format!("I{i}")).collect();
    let wide =
        format!("class W implements {} {{ void f() {{ g(); h(); }} }}", interfaces.join(", "));
    let facts = extract_checked("W.java", &wide);
    assert_eq!(ids(&facts), ["W.java", "W.java::W", "W.java::W.f"]);
}

/// C# inputs that would make a naive extractor quadratic or overflow its stack: a
/// method of 20,000 calls, a call chain, a member chain and a `?.` chain 20,000
/// long, blocks, namespaces, classes and local functions nested past `MAX_DEPTH`,
/// 20,000 namespace blocks side by side (each a lookup scope),
/// 20,000 overloads of one name called 20,000 times, a class of 20,000 bases,
/// `var` locals each initialised from the one before, and unterminated verbatim,
/// raw and interpolated strings.
#[test]
fn csharp_torture_inputs_extract_with_their_invariants() {
    let n = if slow() { 20_000 } else { 2_000 };
    let many_calls = format!(
        "class A {{
  void F() {{
{}  }}
}}\n",
        "    G();\n".repeat(n)
    );
    let facts = extract_checked("A.cs", &many_calls);
    assert_eq!(ids(&facts), ["A.cs", "A.cs::A", "A.cs::A.F"]);
    let chain = format!(
        "class A {{\n  A Next() => this;\n  A X;\n  void F() {{\n    new A(){}.Next();\n    this{}.Next();\n    X{}.Next();\n  }}\n}}\n",
        ".Next()".repeat(n),
        ".X".repeat(n),
        "?.X".repeat(n)
    );
    let facts = extract_checked("A.cs", &chain);
    assert_eq!(ids(&facts), ["A.cs", "A.cs::A", "A.cs::A.Next", "A.cs::A.F"]);
    let blocks = format!("class A {{ void F() {}G();{} }}\n", "{".repeat(n), "}".repeat(n));
    let facts = extract_checked("A.cs", &blocks);
    assert_eq!(ids(&facts), ["A.cs", "A.cs::A", "A.cs::A.F"]);
    let namespaces = format!("{}class C {{ }}{}", "namespace N { ".repeat(n), "}".repeat(n));
    let facts = extract_checked("N.cs", &namespaces);
    assert!(facts.nodes.len() <= extract::MAX_DEPTH + 2);
    assert!(facts.diagnostics.iter().any(|d| d.message.contains("nesting deeper")));
    let classes = format!("{}void M() {{}}{}", "class C { ".repeat(n), "}".repeat(n));
    let facts = extract_checked("C.cs", &classes);
    assert!(facts.nodes.len() <= extract::MAX_DEPTH + 2);
    let locals =
        format!("class A {{ void F() {{ {}{} }} }}", "void L() { ".repeat(n), "}".repeat(n));
    let facts = extract_checked("A.cs", &locals);
    assert!(facts.nodes.len() <= extract::MAX_DEPTH + 4);
    let overloads: String = (0..n)
        .map(|i| format!("  void Put({}) {{}}\n", "int a, ".repeat(i % 5) + "int z"))
        .collect();
    let calls = "    Put(1);\n".repeat(n);
    let facts = extract_checked(
        "O.cs",
        &format!("class O {{\n{overloads}  void Run() {{\n{calls}  }}\n}}\n"),
    );
    assert_eq!(facts.nodes.len(), n + 3);
    let bases: Vec<String> = (0..n).map(|i| format!("I{i}")).collect();
    let wide = format!("class W : {} {{ void F() {{ G(); H(); }} }}", bases.join(", "));
    let facts = extract_checked("W.cs", &wide);
    assert_eq!(ids(&facts), ["W.cs", "W.cs::W", "W.cs::W.F"]);
    let vars: String = (1..n).map(|i| format!("var v{i} = v{};\n", i - 1)).collect();
    let facts = extract_checked(
        "V.cs",
        &format!("class V {{ void F() {{ var v0 = new V();\n{vars} v{}.F(); }} }}", n - 1),
    );
    assert_eq!(ids(&facts), ["V.cs", "V.cs::V", "V.cs::V.F"]);
    let siblings: String = (0..n)
        .map(|i| format!("namespace N{i} {{ class C {{ void F() {{ X.Go(); }} }} }}\n"))
        .collect();
    let facts = extract_checked("S.cs", &siblings);
    assert_eq!(facts.nodes.len(), 1 + 3 * n);
    for unterminated in ["@\"", "\"\"\"", "$\"{", "$@\"{x", "'"] {
        let src = format!("class S {{ void F() {{ var s = {unterminated}{}", "x(); ".repeat(n));
        extract_checked("S.cs", &src);
    }
}

/// C++ inputs that would make a naive extractor quadratic or overflow its stack: a
/// function of 20,000 calls, a call chain and a field chain 20,000 long, blocks,
/// namespaces and classes nested past `MAX_DEPTH`, 20,000 overloads of one name
/// called 20,000 times, a class of 20,000 bases, `auto` locals each initialised
/// from the one before, a type 20,000 template arguments deep, and a generated
/// file of 100,000 functions (5 MB).
#[test]
fn cpp_torture_inputs_extract_with_their_invariants() {
    let n = if slow() { 20_000 } else { 2_000 };
    let many_calls = format!("void f() {{\n{}}}\n", "    g();\n".repeat(n));
    let facts = extract_checked("a.cpp", &many_calls);
    assert_eq!(ids(&facts), ["a.cpp", "a.cpp::f"]);
    let chain = format!(
        "class A {{\npublic:\n  A& next() {{ return *this; }}\n  A* x;\n  void f() {{\n    A(){}.next();\n    this{}->next();\n  }}\n}};\n",
        ".next()".repeat(n),
        "->x".repeat(n)
    );
    let facts = extract_checked("a.cpp", &chain);
    assert_eq!(ids(&facts), ["a.cpp", "a.cpp::A", "a.cpp::A.next", "a.cpp::A.f"]);
    let blocks = format!("void f() {}g();{}\n", "{".repeat(n), "}".repeat(n));
    let facts = extract_checked("a.cpp", &blocks);
    assert_eq!(ids(&facts), ["a.cpp", "a.cpp::f"]);
    let namespaces = format!("{}void m() {{}}{}", "namespace n { ".repeat(n), "}".repeat(n));
    let facts = extract_checked("a.cpp", &namespaces);
    assert!(facts.nodes.len() <= extract::MAX_DEPTH + 2);
    assert!(facts.diagnostics.iter().any(|d| d.message.contains("nesting deeper")));
    let classes = format!("{}void m() {{}}{}", "class C { ".repeat(n), "};".repeat(n));
    let facts = extract_checked("a.cpp", &classes);
    assert!(facts.nodes.len() <= extract::MAX_DEPTH + 2);
    let overloads: String =
        (0..n).map(|i| format!("void put({}) {{}}\n", "int a, ".repeat(i % 5) + "int z")).collect();
    let calls = "    put(1);\n".repeat(n);
    let facts = extract_checked("o.cpp", &format!("{overloads}void run() {{\n{calls}}}\n"));
    assert_eq!(facts.nodes.len(), n + 2);
    let bases: Vec<String> = (0..n).map(|i| format!("public B{i}")).collect();
    let wide = format!("class W : {} {{ void f() {{ g(); h(); }} }};", bases.join(", "));
    let facts = extract_checked("w.cpp", &wide);
    assert_eq!(ids(&facts), ["w.cpp", "w.cpp::W", "w.cpp::W.f"]);
    let autos: String = (1..n).map(|i| format!("  auto v{i} = v{}.next();\n", i - 1)).collect();
    let src = format!(
        "struct A {{ A next(); }};\nvoid f() {{\n  A v0;\n{autos}  v{}.next();\n}}\n",
        n - 1
    );
    let facts = extract_checked("auto.cpp", &src);
    assert_eq!(ids(&facts), ["auto.cpp", "auto.cpp::A", "auto.cpp::f"]);
    let nested = format!(
        "void f() {{\n  {}int{} v;\n  for (auto& x : v) x.g();\n}}\n",
        "std::vector<".repeat(n),
        ">".repeat(n)
    );
    let facts = extract_checked("t.cpp", &nested);
    assert_eq!(ids(&facts), ["t.cpp", "t.cpp::f"]);
    let generated: String = (0..n * 5)
        .map(|i| format!("int gen{i}(int x) {{ return x + gen{}(x); }}\n", i / 2))
        .collect();
    let facts = extract_checked("gen.cpp", &generated);
    assert_eq!(facts.nodes.len(), n * 5 + 1);
}

/// Ruby inputs that would make a naive extractor quadratic or overflow its stack: a
/// method of 20,000 calls, a call chain 20,000 long, blocks and `describe` groups
/// nested past `MAX_DEPTH`, modules nested past it, a class reopened 20,000 times
/// with a call in each, 20,000 classes each naming a constant (20,000 lexical
/// scopes), a class of 20,000 mixins (64 star rows kept), a constant path 20,000
/// deep, and an unterminated heredoc and string.
#[test]
fn ruby_torture_inputs_extract_with_their_invariants() {
    let n = if slow() { 20_000 } else { 2_000 };
    let many_calls = format!("class A\n  def f\n{}  end\nend\n", "    g(1)\n    h\n".repeat(n));
    let facts = extract_checked("a.rb", &many_calls);
    assert_eq!(ids(&facts), ["a.rb", "a.rb::A", "a.rb::A.f"]);
    let chain = format!("class A\n  def f\n    A.new{}\n  end\nend\n", ".next".repeat(n));
    let facts = extract_checked("a.rb", &chain);
    assert_eq!(ids(&facts), ["a.rb", "a.rb::A", "a.rb::A.f"]);
    assert!(facts.edges.iter().all(|e| match &e.target {
        extract::Target::Name(name) => name.chars().count() <= 80,
        _ => true,
    }));
    let blocks = format!("def f\n{}g\n{}end\n", "x do\n".repeat(n), "end\n".repeat(n));
    let facts = extract_checked("a.rb", &blocks);
    assert_eq!(ids(&facts), ["a.rb", "a.rb::f"]);
    let groups = format!("{}it 'x' do\nend\n{}", "describe 'g' do\n".repeat(n), "end\n".repeat(n));
    let facts = extract_checked("spec/a_spec.rb", &groups);
    assert!(facts.nodes.len() <= extract::MAX_DEPTH + 1);
    assert!(facts.diagnostics.iter().any(|d| d.message.contains("nesting deeper")));
    let modules = format!("{}def m; end\n{}", "module M\n".repeat(n), "end\n".repeat(n));
    let facts = extract_checked("m.rb", &modules);
    assert!(facts.nodes.len() <= extract::MAX_DEPTH + 1);
    let reopened = "class R\n  def f; g; end\nend\n".repeat(n);
    let facts = extract_checked("r.rb", &reopened);
    assert_eq!(facts.nodes.len(), 2 * n + 1);
    let scopes: String =
        (0..n).map(|i| format!("module M{i}\n  def self.f; Other.go; end\nend\n")).collect();
    let facts = extract_checked("s.rb", &scopes);
    assert_eq!(facts.nodes.len(), 2 * n + 1);
    let mixins: String = (0..n).map(|i| format!("  include M{i}\n")).collect();
    let facts = extract_checked("w.rb", &format!("class W\n{mixins}  def f; g; end\nend\n"));
    assert_eq!(ids(&facts), ["w.rb", "w.rb::W", "w.rb::W.f"]);
    let stars = facts.symbols.iter().filter(|s| s.key == "rb:.W.*").count();
    assert!(stars <= 65, "{stars} star rows");
    let path = format!("X = A{}.new\n", "::B".repeat(n));
    extract_checked("p.rb", &path);
    let heredoc = format!("class H\n  def f\n    x = <<~EOS\n{}", "    line #{g}\n".repeat(n));
    extract_checked("h.rb", &heredoc);
    let string = format!("def f\n  \"{}", "abc #{x} ".repeat(n));
    extract_checked("q.rb", &string);
}

/// PHP inputs that would make a naive extractor quadratic or overflow its stack: a
/// method of 20,000 calls, a call chain 20,000 long, statements and closures nested
/// 20,000 deep, anonymous classes nested past `MAX_DEPTH`, a class of 20,000
/// traits and interfaces (64 star rows kept each), 20,000 namespaces each calling
/// an unqualified function (20,000 scope keys), 20,000 `use` declarations and
/// requires, a require of a path 20,000 parentheses deep, unterminated heredoc,
/// nowdoc and string, and `?>` HTML between 20,000 statements.
#[test]
fn php_torture_inputs_extract_with_their_invariants() {
    let n = if slow() { 20_000 } else { 2_000 };
    let many_calls = format!(
        "<?php\nclass A\n{{\n  function f()\n  {{\n{}  }}\n}}\n",
        "    g(1); $this->h();\n".repeat(n)
    );
    let facts = extract_checked("a.php", &many_calls);
    assert_eq!(ids(&facts), ["a.php", "a.php::A", "a.php::A.f"]);
    let chain = format!(
        "<?php\nclass A\n{{\n  function f() {{ (new A()){}; }}\n}}\n",
        "->next()".repeat(n)
    );
    let facts = extract_checked("a.php", &chain);
    assert_eq!(ids(&facts), ["a.php", "a.php::A", "a.php::A.f"]);
    assert!(facts.edges.iter().all(|e| match &e.target {
        extract::Target::Name(name) => name.chars().count() <= 80,
        _ => true,
    }));
    let ifs = format!(
        "<?php\nfunction f($x)\n{{\n{}g();\n{}}}\n",
        "if ($x) {\n".repeat(n),
        "}\n".repeat(n)
    );
    let facts = extract_checked("a.php", &ifs);
    assert_eq!(ids(&facts), ["a.php", "a.php::f"]);
    let closures = format!(
        "<?php\nfunction f()\n{{\n{}g();\n{}}}\n",
        "return function () {\n".repeat(n),
        "};\n".repeat(n)
    );
    let facts = extract_checked("a.php", &closures);
    assert_eq!(ids(&facts), ["a.php", "a.php::f"]);
    let anonymous = format!(
        "<?php\nfunction f()\n{{\n{}g();\n{}}}\n",
        "return new class {\n function m() {\n".repeat(n),
        "}\n};\n".repeat(n)
    );
    let facts = extract_checked("a.php", &anonymous);
    assert!(facts.nodes.len() <= extract::MAX_DEPTH + 2);
    assert!(facts.diagnostics.iter().any(|d| d.message.contains("nesting deeper")));
    let traits: String = (0..n).map(|i| format!("T{i}, ")).collect();
    let ifaces: String = (0..n).map(|i| format!("I{i}, ")).collect();
    let wide = format!(
        "<?php\nclass W implements {ifaces}J\n{{\n  use {traits}U;\n  function f() {{ $this->g(); self::h(); }}\n}}\n"
    );
    let facts = extract_checked("w.php", &wide);
    assert_eq!(ids(&facts), ["w.php", "w.php::W", "w.php::W.f"]);
    let stars = facts.symbols.iter().filter(|s| s.key == "php:.w.*").count();
    assert!(stars <= 2 * 64 + 1, "{stars} star rows");
    let namespaces: String =
        (0..n).map(|i| format!("namespace N{i};\nfunction f() {{ g(); }}\n")).collect();
    let facts = extract_checked("n.php", &format!("<?php\n{namespaces}"));
    assert_eq!(facts.nodes.len(), 2 * n + 1);
    let uses: String = (0..n).map(|i| format!("use A\\B{i};\nrequire 'r{i}.php';\n")).collect();
    let facts = extract_checked("u.php", &format!("<?php\n{uses}new B7();\n"));
    assert_eq!(facts.nodes[0].imports.len(), 2 * n);
    let parens = format!("<?php\nrequire {}'x.php'{};\n", "(".repeat(n), ")".repeat(n));
    extract_checked("p.php", &parens);
    let heredoc =
        format!("<?php\nfunction f() {{\n  $x = <<<EOS\n{}", "line {$a->b()} $c\n".repeat(n));
    extract_checked("h.php", &heredoc);
    let nowdoc = format!(
        "<?php\nclass A {{\n function f() {{\n  return <<<'EOS'\n{}",
        "line $c\n".repeat(n)
    );
    extract_checked("h.php", &nowdoc);
    let string = format!("<?php\nfunction f() {{\n  return \"{}", "abc {$x->y()} ".repeat(n));
    extract_checked("q.php", &string);
    let html = format!("<?php function f() {{ ?>\n{}<?php }}\n", "<p><?= g() ?></p>\n".repeat(n));
    let facts = extract_checked("t.phtml", &html);
    assert_eq!(ids(&facts), ["t.phtml", "t.phtml::f"]);
}
