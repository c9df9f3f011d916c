//! The symbol-key protocol between extraction and linking, in one place. An
//! extractor names what a file refers to in other files by **keys** (`py:django.db.models.Q`)
//! and exports the keys it defines; the store's linker resolves keyed edges through
//! those exports. Both sides build and take apart keys only through this module. The
//! format is described, with examples, in `docs/store.md` ("Keys").
//!
//! A key is a language's **space** (a prefix such as [`PYTHON`]) followed by a
//! dotted path. Some path segments have a fixed meaning:
//! - [`star`] (`K.*`): the rows that say where members of `K` not defined under `K`
//!   are looked up (star imports, base classes, a field's type);
//! - [`order`] (`order:A B`): the target of one extra star row that orders the others;
//! - [`returns`] (`K.__return__`): what calling `K` returns, the receiver itself when
//!   it is aliased to [`RECEIVER`];
//! - [`ALL`] (`m.__all__`): what `from m import *` binds, public names only;
//! - [`RUST_OK`] (`K.__ok__`): what `?` on a `Result` returned by `K` gives;
//! - [`RUST_IMPL`] (`T@impl`): a Rust type's inherent-impl namespace;
//! - [`fixtures`] (`m.__fixtures__`): the pytest fixtures a test module sees from
//!   the `conftest.py` files above it (star rows, nearest first).

/// Python modules by dotted path: `py:django.db.models.Q`.
pub const PYTHON: &str = "py:";
/// Rust items of a crate under the root, `rs:{crate dir}:{module.path}.Item`.
pub const RUST: &str = "rs:";
/// Rust items of crates outside the root: `rs:extern:serde.Serialize`.
pub const RUST_EXTERN: &str = "rs:extern:";
/// JavaScript and TypeScript modules by root-relative path without extension:
/// `js:src/util.parse`.
pub const JS: &str = "js:";
/// Bare JavaScript import specifiers (`js:pkg:lodash.map`), whose `/`-prefixes
/// `tsconfig.json` path mappings alias.
pub const JS_PACKAGE: &str = "js:pkg:";
/// Go packages by root-relative directory: `go:cmd/server.Run`.
pub const GO: &str = "go:";
/// Go import paths (`go:mod:example.com/m/util.Parse`), whose `/`-prefixes a
/// `go.mod`'s module path aliases to its directory.
pub const GO_MODULE: &str = "go:mod:";
/// Java types by qualified name (`java:com.acme.App`); methods carry their
/// argument count before the name (`java:demo.Util.2args.log`).
pub const JAVA: &str = "java:";
/// C# names from the global namespace, each segment after a `.` as in [`CPP`]:
/// `cs:.Acme.Core.Widget`; methods carry their argument count before the name
/// (`cs:.Acme.Util.2args.Log`), constructors are `<ctor>`.
pub const CSHARP: &str = "cs:";
/// C# lookup scopes of one file (`cs:@src/a%2Ecs@Acme%2ECore`): keys with star rows
/// only, to the enclosing namespaces and the namespaces their `using`s import, in
/// the order C# looks a name up.
pub const CS_SCOPE: &str = "cs:@";
/// C's one global namespace of external names: `c:parse_header`.
pub const C: &str = "c:";
/// C headers by include path: `c:include:util/strbuf.h` (C++ files include and
/// export headers under the same keys).
pub const C_INCLUDE: &str = "c:include:";
/// C++ names from the global namespace, each segment after a `.` as `::` precedes a
/// fully qualified name: `::ns::A::f` is `cpp:.ns.A.f`, `::main` is `cpp:.main`.
/// `cpp:` itself is the global namespace, the last place a name is looked up.
pub const CPP: &str = "cpp:";
/// C++ lookup scopes of one file (`cpp:@src/a%2Ecpp@ns::inner`): keys with star
/// rows only, to the enclosing class, namespaces, `using namespace`s and [`CPP`] in
/// the order C++ looks a name up, so `cpp:@...@ns.A.f` finds `ns::A::f` or `::A::f`.
pub const CPP_SCOPE: &str = "cpp:@";

/// Ruby constants and methods by their full name from the top level, each segment
/// after a `.` as `::` precedes a constant path: `::Rack::Request` is
/// `rb:.Rack.Request`, its instance method `get?` `rb:.Rack.Request.get?`, its
/// singleton method `self.build` `rb:.Rack.Request.<self>.build` ([`RUBY_SINGLETON`]).
/// `rb:` itself is the top level (`Object`), the last place a constant is looked up.
pub const RUBY: &str = "rb:";
/// Ruby lexical scopes of one file (`rb:@lib/a%2Erb@A::B`): keys with star rows
/// only, to each module and class of the nesting (innermost first) and [`RUBY`], as
/// Ruby looks a constant up.
pub const RUBY_SCOPE: &str = "rb:@";
/// Ruby files by the path `require` names, relative to a load-path directory (`lib`,
/// `spec`, `test`) without `.rb`, dots as `%2E`: `rb:load:rack/request`.
pub const RUBY_LOAD: &str = "rb:load:";
/// Ruby files by root-relative path without `.rb`, dots as `%2E`, the key
/// `require_relative` names: `rb:file:lib/rack/request`.
pub const RUBY_FILE: &str = "rb:file:";
/// The segment of a Ruby class's or module's singleton class, under which its
/// singleton methods (`def self.m`, `class << self`) are keyed: no Ruby name can be
/// `<self>`.
pub const RUBY_SINGLETON: &str = "<self>";

/// PHP classes, interfaces, traits, enums, functions and constants by their fully
/// qualified name, each namespace segment after a `.`, lowercased where PHP ignores
/// case (namespaces, classes, functions, methods): `\App\Http\Request` is
/// `php:.app.http.request`, its method `send` `php:.app.http.request.send`, its
/// constant `VERSION` `php:.app.http.request.VERSION`, the global function `strlen`
/// `php:.strlen`. `php:` itself is the global namespace.
/// PHP resolves class names at compile time, so a class key is never a guess;
/// methods keyed under a class are found through its star rows (parent class,
/// interfaces and traits) as PHP looks them up.
pub const PHP: &str = "php:";
/// PHP function scopes of one file (`php:@src/a%2Ephp@app\http`): keys with star
/// rows only, to the file's namespace and then [`PHP`], as PHP falls back to the
/// global namespace for an unqualified function or constant it does not find in
/// the current one.
pub const PHP_SCOPE: &str = "php:@";
/// PHP files by root-relative path, dots as `%2E`, the key a literal `require` or
/// `include` path names: `php:file:src/bootstrap%2Ephp`.
pub const PHP_FILE: &str = "php:file:";

/// The segment naming what a call returns.
pub const RETURN: &str = "__return__";
/// The start of a parameter's segment: see [`argument`].
pub const ARGUMENT: &str = "__arg";
/// The alias target of `K.m.__return__` when method `m` returns its receiver (`return
/// self`, a copy of it, `self.__class__(...)`): calling it on an instance of any class
/// gives an instance of that class, so the linker reads `C.m.__return__.x` as `C.x`,
/// `C` being the class `m` was looked up on (perhaps a subclass of `m`'s owner).
pub const RECEIVER: &str = "__receiver__";
/// The segment naming the pytest fixtures a test module gets from `conftest.py` files.
pub const FIXTURES: &str = "__fixtures__";
/// The segment naming what `from m import *` binds: `m`'s public names.
pub const ALL: &str = "__all__";
/// The segment naming what `?` on a returned `Result` gives (Rust).
pub const RUST_OK: &str = "__ok__";
/// The suffix of a Rust type's inherent-impl namespace (`rs:c:m.Type@impl`).
pub const RUST_IMPL: &str = "@impl";
/// The prefix of a star row's target that orders the key's other star rows.
pub const ORDER: &str = "order:";
/// The suffix of star keys.
pub const STAR_SUFFIX: &str = ".*";

/// `K.*`: the key of `key`'s star rows.
pub fn star(key: &str) -> String {
    format!("{key}{STAR_SUFFIX}")
}

/// `key` without its star suffix, when it is a star key.
pub fn strip_star(key: &str) -> Option<&str> {
    key.strip_suffix(STAR_SUFFIX)
}

/// `K.__return__`: what calling `key` returns.
pub fn returns(key: &str) -> String {
    format!("{key}.{RETURN}")
}

/// `K.__argN__`: the type of parameter `index` (from 0) of function `key`; of a
/// function type, the type of its parameter. `K.f.__arg0__.__arg1__` is what the
/// second parameter of a callback passed first to `f` is (TypeScript's contextual
/// typing of `operate((source, subscriber) => ...)`).
pub fn argument(key: &str, index: usize) -> String {
    format!("{key}.{ARGUMENT}{index}__")
}

/// Whether `segment` is one of [`argument`]'s (`__arg0__`).
pub fn is_argument(segment: &str) -> bool {
    segment
        .strip_prefix(ARGUMENT)
        .and_then(|rest| rest.strip_suffix("__"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `m.__fixtures__`: where test module `key` looks up fixtures it does not define
/// (its star rows lead to the `conftest` modules of its directory and each one above,
/// nearest first, as pytest looks them up).
pub fn fixtures(key: &str) -> String {
    format!("{key}.{FIXTURES}")
}

/// `m.__all__`: the public names of module `key`.
pub fn all(key: &str) -> String {
    format!("{key}.{ALL}")
}

/// Whether `key` names a value derived from a call (`.__return__` or `.__ok__`
/// somewhere in it) or from a callee's parameters (`.__arg0__`) rather than a
/// definition.
pub fn is_derived(key: &str) -> bool {
    key.contains(".__return__") || key.contains(".__ok__") || key.contains(".__arg")
}

/// The members whose calls' results or parameters `key` looks into: the segment
/// before each `__return__` or `__ok__`, and before the first of a run of
/// `__argN__` (`py:m.C.copy.__return__.filter.__return__.get` → `copy`, `filter`;
/// `js:m.operate.__arg0__.__arg1__.next` → `operate`). Linking such a key consults
/// what those members return or declare wherever they are found, so a change to
/// one may change its answer.
pub fn called_members(key: &str) -> impl Iterator<Item = &str> {
    let segments: Vec<&str> = key.split('.').collect();
    let mut called = Vec::new();
    for pair in segments.windows(2) {
        if pair[1] == RETURN
            || pair[1] == RUST_OK
            || (is_argument(pair[1]) && !is_argument(pair[0]))
        {
            called.push(pair[0]);
        }
    }
    called.into_iter()
}

/// `order:A B ...`: the ordering row's target for star targets `targets`, first
/// looked up first.
pub fn order<S: AsRef<str>>(targets: &[S]) -> String {
    let joined: Vec<&str> = targets.iter().map(AsRef::as_ref).collect();
    format!("{ORDER}{}", joined.join(" "))
}

/// The keys an ordering row's target lists, or `None` when `target` is no ordering.
pub fn ordered(target: &str) -> Option<std::str::SplitWhitespace<'_>> {
    target.strip_prefix(ORDER).map(str::split_whitespace)
}

/// Python's standard library: the top-level modules of CPython 3.11's
/// `sys.stdlib_module_names` (with `builtins`), sorted for a binary search.
const PYTHON_STDLIB: &[&str] = &[
    "__future__",
    "_abc",
    "_aix_support",
    "_ast",
    "_asyncio",
    "_bisect",
    "_blake2",
    "_bootsubprocess",
    "_bz2",
    "_codecs",
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_iso2022",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
    "_collections",
    "_collections_abc",
    "_compat_pickle",
    "_compression",
    "_contextvars",
    "_crypt",
    "_csv",
    "_ctypes",
    "_curses",
    "_curses_panel",
    "_datetime",
    "_dbm",
    "_decimal",
    "_elementtree",
    "_frozen_importlib",
    "_frozen_importlib_external",
    "_functools",
    "_gdbm",
    "_hashlib",
    "_heapq",
    "_imp",
    "_io",
    "_json",
    "_locale",
    "_lsprof",
    "_lzma",
    "_markupbase",
    "_md5",
    "_msi",
    "_multibytecodec",
    "_multiprocessing",
    "_opcode",
    "_operator",
    "_osx_support",
    "_overlapped",
    "_pickle",
    "_posixshmem",
    "_posixsubprocess",
    "_py_abc",
    "_pydecimal",
    "_pyio",
    "_queue",
    "_random",
    "_scproxy",
    "_sha1",
    "_sha256",
    "_sha3",
    "_sha512",
    "_signal",
    "_sitebuiltins",
    "_socket",
    "_sqlite3",
    "_sre",
    "_ssl",
    "_stat",
    "_statistics",
    "_string",
    "_strptime",
    "_struct",
    "_symtable",
    "_thread",
    "_threading_local",
    "_tkinter",
    "_tokenize",
    "_tracemalloc",
    "_typing",
    "_uuid",
    "_warnings",
    "_weakref",
    "_weakrefset",
    "_winapi",
    "_zoneinfo",
    "abc",
    "aifc",
    "antigravity",
    "argparse",
    "array",
    "ast",
    "asynchat",
    "asyncio",
    "asyncore",
    "atexit",
    "audioop",
    "base64",
    "bdb",
    "binascii",
    "bisect",
    "builtins",
    "bz2",
    "cProfile",
    "calendar",
    "cgi",
    "cgitb",
    "chunk",
    "cmath",
    "cmd",
    "code",
    "codecs",
    "codeop",
    "collections",
    "colorsys",
    "compileall",
    "concurrent",
    "configparser",
    "contextlib",
    "contextvars",
    "copy",
    "copyreg",
    "crypt",
    "csv",
    "ctypes",
    "curses",
    "dataclasses",
    "datetime",
    "dbm",
    "decimal",
    "difflib",
    "dis",
    "distutils",
    "doctest",
    "email",
    "encodings",
    "ensurepip",
    "enum",
    "errno",
    "faulthandler",
    "fcntl",
    "filecmp",
    "fileinput",
    "fnmatch",
    "fractions",
    "ftplib",
    "functools",
    "gc",
    "genericpath",
    "getopt",
    "getpass",
    "gettext",
    "glob",
    "graphlib",
    "grp",
    "gzip",
    "hashlib",
    "heapq",
    "hmac",
    "html",
    "http",
    "idlelib",
    "imaplib",
    "imghdr",
    "imp",
    "importlib",
    "inspect",
    "io",
    "ipaddress",
    "itertools",
    "json",
    "keyword",
    "lib2to3",
    "linecache",
    "locale",
    "logging",
    "lzma",
    "mailbox",
    "mailcap",
    "marshal",
    "math",
    "mimetypes",
    "mmap",
    "modulefinder",
    "msilib",
    "msvcrt",
    "multiprocessing",
    "netrc",
    "nis",
    "nntplib",
    "nt",
    "ntpath",
    "nturl2path",
    "numbers",
    "opcode",
    "operator",
    "optparse",
    "os",
    "ossaudiodev",
    "pathlib",
    "pdb",
    "pickle",
    "pickletools",
    "pipes",
    "pkgutil",
    "platform",
    "plistlib",
    "poplib",
    "posix",
    "posixpath",
    "pprint",
    "profile",
    "pstats",
    "pty",
    "pwd",
    "py_compile",
    "pyclbr",
    "pydoc",
    "pydoc_data",
    "pyexpat",
    "queue",
    "quopri",
    "random",
    "re",
    "readline",
    "reprlib",
    "resource",
    "rlcompleter",
    "runpy",
    "sched",
    "secrets",
    "select",
    "selectors",
    "shelve",
    "shlex",
    "shutil",
    "signal",
    "site",
    "smtpd",
    "smtplib",
    "sndhdr",
    "socket",
    "socketserver",
    "spwd",
    "sqlite3",
    "sre_compile",
    "sre_constants",
    "sre_parse",
    "ssl",
    "stat",
    "statistics",
    "string",
    "stringprep",
    "struct",
    "subprocess",
    "sunau",
    "symtable",
    "sys",
    "sysconfig",
    "syslog",
    "tabnanny",
    "tarfile",
    "telnetlib",
    "tempfile",
    "termios",
    "textwrap",
    "this",
    "threading",
    "time",
    "timeit",
    "tkinter",
    "token",
    "tokenize",
    "tomllib",
    "trace",
    "traceback",
    "tracemalloc",
    "tty",
    "turtle",
    "turtledemo",
    "types",
    "typing",
    "unicodedata",
    "unittest",
    "urllib",
    "uu",
    "uuid",
    "venv",
    "warnings",
    "wave",
    "weakref",
    "webbrowser",
    "winreg",
    "winsound",
    "wsgiref",
    "xdrlib",
    "xml",
    "xmlrpc",
    "zipapp",
    "zipfile",
    "zipimport",
    "zlib",
    "zoneinfo",
];

/// The prefix of the keys of Python's builtins (`py:builtins.len`).
pub const PYTHON_BUILTINS: &str = "py:builtins.";

/// Whether Python key `key` (`py:os.path.join`) is under a module of the standard
/// library or `builtins`, by its top-level module.
pub fn is_python_stdlib(key: &str) -> bool {
    let Some(path) = key.strip_prefix(PYTHON) else { return false };
    let top = path.split('.').next().unwrap_or(path);
    PYTHON_STDLIB.binary_search(&top).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_built_and_taken_apart_symmetrically() {
        assert_eq!(star("py:m.C"), "py:m.C.*");
        let called: Vec<&str> = called_members("py:m.C.copy.__return__.f.__return__.get").collect();
        assert_eq!(called, ["copy", "f"]);
        assert_eq!(called_members("py:m.C.get").count(), 0);
        assert_eq!(strip_star("py:m.C.*"), Some("py:m.C"));
        assert_eq!(strip_star("py:m.C"), None);
        assert_eq!(returns("py:m.f"), "py:m.f.__return__");
        assert!(is_derived(&returns("py:m.f")));
        assert!(!is_derived("py:m.f"));
        let callback = argument(&argument("js:m.operate", 0), 1);
        assert_eq!(callback, "js:m.operate.__arg0__.__arg1__");
        assert!(is_derived(&callback) && is_argument("__arg12__"));
        assert!(!is_argument("__arg__") && !is_argument("__args__") && !is_argument("arg0"));
        let member = format!("{callback}.next");
        let called: Vec<&str> = called_members(&member).collect();
        assert_eq!(called, ["operate"]);
        assert_eq!(all("py:m"), "py:m.__all__");
        assert_eq!(fixtures("py:tests.test_a"), "py:tests.test_a.__fixtures__");
        let o = order(&["py:a.A", "py:b.B"]);
        assert_eq!(o, "order:py:a.A py:b.B");
        assert_eq!(ordered(&o).map(|k| k.collect::<Vec<_>>()), Some(vec!["py:a.A", "py:b.B"]));
        assert!(ordered("py:a.A").is_none());
    }

    #[test]
    fn python_standard_library_is_sorted_for_its_binary_search() {
        assert!(PYTHON_STDLIB.windows(2).all(|w| w[0] < w[1]));
        assert!(is_python_stdlib("py:os.path.join") && is_python_stdlib("py:builtins"));
        assert!(!is_python_stdlib("py:django.db") && !is_python_stdlib("js:os"));
    }
}
