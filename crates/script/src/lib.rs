//! Update scripts (issue 14): small Python programs that compute custom node fields,
//! run by [monty](https://github.com/pydantic/monty) (pydantic's sandboxed
//! interpreter of a Python subset, in process) for the nodes codehub's rules select.
//!
//! A script is `.codehub/scripts/NAME.py` (or in the `scripts` directory
//! `codehub.toml` names). It sees one global value, `target`, the node it runs for
//! (a dict: `id`, `kind`, `name`, `qualified_name`, `path`, `language`, `parent`,
//! `signature`, `docstring`, `decorators`, `line_count`, `complexity`,
//! `has_type_hints`, `bytes`; no position and no custom fields, see
//! `store::scripts`), and the host API
//! (`store::scripts`): `node(id)`, `source(id)`, `callers(id)`, `callees(id)`,
//! `tests(id)`, `search(q)`, `owners(id)`, `set(field, value)`, `note(text)`.
//!
//! ```python
//! # .codehub/scripts/risk.py: complexity x (1 + callers), doubled without tests
//! untested = len(tests(target["id"])) == 0
//! set("risk", target["complexity"] * (1 + len(callers(target["id"]))) * (2 if untested else 1))
//! ```
//!
//! What a script cannot do: monty has no file system, network, environment,
//! subprocess or clock of its own; it asks the host for them (`os`, `pathlib`,
//! `datetime.now`), and this host refuses every such request, ending the run. It
//! imports only monty's own pure modules (`math`, `re`, `json`, `collections`,
//! `itertools`, `functools`, `typing`, ...), and has no `eval`, `exec`,
//! `__import__` or class reflection. Each run is bounded ([`Limits`]): wall time,
//! memory (counted by [`alloc::CountingAllocator`]), recursion depth, printed
//! output, and host calls (`store::scripts::MAX_HOST_CALLS`); a run over a limit is
//! stopped, sets nothing, and leaves an error note on its node.

#![warn(missing_docs)]

pub mod alloc;
mod codeowners;

use monty::{MontyRun, RunProgress};
use monty_types::{
    CompileOptions, ExcType, ExtFunctionResult, MontyException, MontyObject, NameLookupResult,
    PrintWriter, ResourceLimits, ResourceTracker,
};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;
use store::scripts::{Failure, HostApi, UpdateScripts, HOST_FUNCTIONS, MAX_HOST_CALLS};

pub use codeowners::Codeowners;

/// The largest script file loaded, in bytes.
pub const MAX_SCRIPT_BYTES: u64 = 256 * 1024;

/// Per-run limits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Wall time of one run (5 s by default: the sandbox step of the timeout ladder,
    /// below a local call's 10 s). Time spent answering host calls counts too.
    pub time: Duration,
    /// Bytes a run may allocate and keep (64 MiB).
    pub memory: usize,
    /// Python call depth (200).
    pub recursion: usize,
    /// Bytes of `print` output kept (64 KiB; more is a limit hit).
    pub output: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { time: Duration::from_secs(5), memory: 64 << 20, recursion: 200, output: 64 << 10 }
    }
}

/// Errors loading scripts: each names the file and what is wrong.
#[derive(Debug, thiserror::Error)]
pub enum ScriptError {
    /// The scripts directory or a script could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// A script file is not named `NAME.py` with a plain name, or is too large.
    #[error("{path}: {message}")]
    Refused {
        /// The script file.
        path: PathBuf,
        /// Why.
        message: String,
    },
    /// A rule names a script that is not in the scripts directory.
    #[error("rule `{rule}`: no script `{script}` ({path} does not exist)")]
    Missing {
        /// The rule.
        rule: String,
        /// The script it names.
        script: String,
        /// Where the script was looked for.
        path: PathBuf,
    },
}

/// The names scripts see: the target node, then the host functions.
fn input_names() -> Vec<String> {
    std::iter::once("target").chain(HOST_FUNCTIONS.iter().copied()).map(str::to_owned).collect()
}

/// The loaded scripts of one root: compiled once, run per node ([`UpdateScripts`]).
pub struct Scripts {
    root: PathBuf,
    dir: PathBuf,
    /// Compiled once; each run starts from a clone (MontyRun is not `Sync`: its
    /// lazily filled call caches are `OnceCell`s).
    /// A script that does not compile, or imports a module outside
    /// [`ALLOWED_MODULES`], is kept as the reason: each of its runs fails with it.
    scripts: BTreeMap<String, Result<Mutex<MontyRun>, String>>,
    owners: Codeowners,
    limits: Limits,
    fingerprint: String,
}

impl std::fmt::Debug for Scripts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scripts")
            .field("dir", &self.dir)
            .field("scripts", &self.scripts.keys().collect::<Vec<_>>())
            .field("limits", &self.limits)
            .finish()
    }
}

impl Scripts {
    /// Loads every `*.py` file of `dir` (not its subdirectories; none when `dir` does
    /// not exist) and the CODEOWNERS file of `root` (`CODEOWNERS`,
    /// `.github/CODEOWNERS` or `docs/CODEOWNERS`, GitHub's order).
    ///
    /// A script that does not parse, or imports a module outside
    /// [`ALLOWED_MODULES`], is loaded as refused ([`Scripts::problems`]): its runs fail
    /// with the reason, and the other scripts run.
    ///
    /// Errors: an unreadable directory or file, a file over [`MAX_SCRIPT_BYTES`], not
    /// UTF-8, or not named with `[A-Za-z0-9_-]`.
    pub fn load(root: &Path, dir: &Path, limits: Limits) -> Result<Scripts, ScriptError> {
        let io = |path: &Path| {
            let path = path.to_owned();
            move |source| ScriptError::Io { path, source }
        };
        let mut scripts = BTreeMap::new();
        let mut hasher = blake3::Hasher::new();
        hasher.update(format!("{limits:?}").as_bytes());
        let mut files: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(entries) => {
                entries.map(|e| e.map(|e| e.path())).collect::<Result<_, _>>().map_err(io(dir))?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(io(dir)(e)),
        };
        files.retain(|p| p.extension().is_some_and(|e| e == "py") && p.is_file());
        files.sort();
        for path in files {
            let refused = |message: String| ScriptError::Refused { path: path.clone(), message };
            let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
            if !store::rules::is_script_name(&name) {
                return Err(refused(
                    "a script's name is letters, digits, `_` and `-` (NAME.py)".into(),
                ));
            }
            let size = std::fs::metadata(&path).map_err(io(&path))?.len();
            if size > MAX_SCRIPT_BYTES {
                return Err(refused(format!("{size} bytes (at most {MAX_SCRIPT_BYTES})")));
            }
            let bytes = std::fs::read(&path).map_err(io(&path))?;
            let code = String::from_utf8(bytes).map_err(|_| refused("not UTF-8 text".into()))?;
            hasher.update(name.as_bytes());
            hasher.update(&[0]);
            hasher.update(code.as_bytes());
            hasher.update(&[0]);
            let file = format!("{name}.py");
            let compiled = match refused_import(&code) {
                Some(refusal) => Err(refusal),
                None => MontyRun::new(code, &file, input_names(), CompileOptions::default())
                    .map(Mutex::new)
                    .map_err(|e| describe(&e)),
            };
            if let Err(why) = &compiled {
                tracing::warn!(script = %path.display(), "update script refused: {why}");
            }
            scripts.insert(name, compiled);
        }
        let owners =
            Codeowners::load(root).map_err(|(path, source)| ScriptError::Io { path, source })?;
        hasher.update(owners.fingerprint().as_bytes());
        Ok(Scripts {
            root: root.to_owned(),
            dir: dir.to_owned(),
            scripts,
            owners,
            limits,
            fingerprint: hasher.finalize().to_hex().to_string(),
        })
    }

    /// The loaded scripts' names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.scripts.keys().map(String::as_str)
    }

    /// Checks that every script the enabled rules run is loaded.
    ///
    /// Errors: [`ScriptError::Missing`] for the first rule whose script is not.
    pub fn check(&self, rules: &store::rules::RuleSet) -> Result<(), ScriptError> {
        for rule in rules.rules().iter().filter(|r| r.enabled) {
            if let Some(script) = &rule.script {
                if !self.scripts.contains_key(script) {
                    return Err(ScriptError::Missing {
                        rule: rule.name.clone(),
                        script: script.clone(),
                        path: self.dir.join(format!("{script}.py")),
                    });
                }
            }
        }
        Ok(())
    }

    /// The scripts that cannot run, each with why (a syntax error, a refused import):
    /// every run of one fails with that message.
    pub fn problems(&self) -> impl Iterator<Item = (&str, &str)> {
        self.scripts.iter().filter_map(|(n, s)| s.as_ref().err().map(|e| (n.as_str(), e.as_str())))
    }

    /// The per-run limits.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }
}

impl UpdateScripts for Scripts {
    fn fingerprint(&self) -> String {
        self.fingerprint.clone()
    }

    fn has(&self, script: &str) -> bool {
        // A refused script is here too: its runs fail, with the reason, on its nodes.
        self.scripts.contains_key(script)
    }

    fn run(&self, script: &str, target: &Value, host: &mut HostApi<'_>) -> Result<(), Failure> {
        let compiled = match self.scripts.get(script) {
            Some(Ok(compiled)) => compiled,
            Some(Err(why)) => return Err(Failure { limit: false, message: why.clone() }),
            None => return Err(Failure { limit: false, message: format!("no script `{script}`") }),
        };
        let mut inputs = Vec::with_capacity(1 + HOST_FUNCTIONS.len());
        inputs.push(to_monty(target));
        for name in HOST_FUNCTIONS {
            inputs.push(MontyObject::Function { name: (*name).to_owned(), docstring: None });
        }
        let limits = ResourceLimits {
            max_duration: Some(self.limits.time),
            max_memory: Some(self.limits.memory),
            gc_interval: None,
            max_recursion_depth: self.limits.recursion,
            max_suspensions: MAX_HOST_CALLS as usize + 1,
        };
        let _armed = alloc::arm();
        let mut printed = String::new();
        let output = self.limits.output;
        let runner = compiled.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
        let mut progress = runner
            .start(
                inputs,
                ResourceTracker::new(limits),
                PrintWriter::CollectString(&mut printed, Some(output)),
            )
            .map_err(|e| failure(&e))?;
        loop {
            let print = PrintWriter::CollectString(&mut printed, Some(output));
            progress = match progress {
                RunProgress::Complete(_) => return Ok(()),
                RunProgress::FunctionCall(call) => {
                    if !HOST_FUNCTIONS.contains(&call.function_name.as_str()) {
                        // A name the script calls that is neither Python's nor the host's
                        // (`__import__`, `eval`, `exec`, `open`): monty asks the host.
                        let message = format!(
                            "name '{}' is not defined (update scripts have Python's safe \
                             builtins and the host API: {})",
                            call.function_name,
                            HOST_FUNCTIONS.join(", ")
                        );
                        let error = MontyException::new(ExcType::NameError, Some(message));
                        progress = call
                            .resume(ExtFunctionResult::Error(error), print)
                            .map_err(|e| failure(&e))?;
                        continue;
                    }
                    let answer = if call.object_id.is_some() || !call.kwargs.is_empty() {
                        Err(store::scripts::HostError {
                            limit: false,
                            message: format!(
                                "{}() takes positional arguments only",
                                call.function_name
                            ),
                        })
                    } else {
                        match call.args.iter().map(from_monty).collect::<Result<Vec<_>, _>>() {
                            Ok(args) => host.call(&call.function_name, &args),
                            Err(message) => {
                                Err(store::scripts::HostError { limit: false, message })
                            }
                        }
                    };
                    match answer {
                        Ok(value) => call.resume(to_monty(&value), print),
                        Err(e) if e.limit => {
                            return Err(Failure { limit: true, message: e.message })
                        }
                        Err(e) => call.resume(
                            ExtFunctionResult::Error(MontyException::new(
                                ExcType::ValueError,
                                Some(e.message),
                            )),
                            print,
                        ),
                    }
                }
                RunProgress::OsCall(call) => {
                    return Err(Failure {
                        limit: false,
                        message: format!(
                            "refused {}: update scripts have no file system, network, \
                             environment, subprocess or clock",
                            call.function_call.name()
                        ),
                    })
                }
                RunProgress::NameLookup(lookup) => {
                    lookup.resume(NameLookupResult::Undefined, print)
                }
                RunProgress::ResolveFutures(_) => {
                    return Err(Failure {
                        limit: false,
                        message: "refused: update scripts cannot await".into(),
                    })
                }
            }
            .map_err(|e| failure(&e))?;
        }
    }

    fn owners(&self, path: &str) -> Vec<String> {
        self.owners.owners(path)
    }

    fn source(&self, path: &str, start: usize, end: usize, file_hash: &str) -> Option<String> {
        let bytes = std::fs::read(self.root.join(path)).ok()?;
        if blake3::hash(&bytes).to_hex().as_str() != file_hash {
            return None;
        }
        let text = bytes.get(start..end)?;
        Some(String::from_utf8_lossy(text).into_owned())
    }
}

/// The modules a script may import: monty's pure ones. `os`, `pathlib` and `sys`
/// reach the host (every such request is refused anyway), `asyncio` waits, `gc`
/// steers the interpreter.
pub const ALLOWED_MODULES: &[&str] = &[
    "base64",
    "binascii",
    "collections",
    "dataclasses",
    "datetime",
    "functools",
    "itertools",
    "json",
    "math",
    "re",
    "typing",
    "unicodedata",
];

/// The first `import M` / `from M import ...` of a module outside [`ALLOWED_MODULES`],
/// as the refusal. Statements are found per line and `;`-separated part, so an
/// import inside a string that starts a line is refused too (a clear error, never a
/// way out).
fn refused_import(code: &str) -> Option<String> {
    for (n, line) in code.lines().enumerate() {
        for part in line.split(';') {
            let part = part.trim_start();
            let modules: Vec<&str> = if let Some(rest) = part.strip_prefix("import ") {
                rest.split(',').filter_map(|m| m.split_whitespace().next()).collect()
            } else if let Some(rest) = part.strip_prefix("from ") {
                rest.split_whitespace().next().into_iter().collect()
            } else {
                continue;
            };
            for module in modules {
                let top = module.split('.').next().unwrap_or(module);
                if !ALLOWED_MODULES.contains(&top) {
                    return Some(format!(
                        "refused: import of `{module}` (line {}); update scripts import only {}",
                        n + 1,
                        ALLOWED_MODULES.join(", ")
                    ));
                }
            }
        }
    }
    None
}

/// An exception's type and message, and the line it was raised at.
fn describe(e: &MontyException) -> String {
    match e.traceback().last() {
        Some(frame) => format!("{} (line {})", e.summary(), frame.start.line),
        None => e.summary(),
    }
}

/// A run that ended with an exception: a limit when monty stopped it for time,
/// memory or recursion.
fn failure(e: &MontyException) -> Failure {
    let limit = matches!(
        e.exc_type(),
        ExcType::TimeoutError | ExcType::MemoryError | ExcType::RecursionError
    );
    Failure { limit, message: describe(e) }
}

/// JSON to a Python value: objects are dicts with str keys.
pub fn to_monty(value: &Value) -> MontyObject {
    match value {
        Value::Null => MontyObject::None,
        Value::Bool(b) => MontyObject::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => MontyObject::Int(i),
            None => MontyObject::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => MontyObject::String(s.clone()),
        Value::Array(items) => MontyObject::List(items.iter().map(to_monty).collect()),
        Value::Object(map) => MontyObject::dict(
            map.iter()
                .map(|(k, v)| (MontyObject::String(k.clone()), to_monty(v)))
                .collect::<Vec<_>>(),
        ),
    }
}

/// A Python value to JSON: `None`, bools, ints that fit 64 bits, finite floats,
/// strs, lists, tuples and dicts with str keys; anything else is refused with its
/// type.
pub fn from_monty(value: &MontyObject) -> Result<Value, String> {
    Ok(match value {
        MontyObject::None => Value::Null,
        MontyObject::Bool(b) => Value::Bool(*b),
        MontyObject::Int(i) => Value::from(*i),
        MontyObject::Float(f) => serde_json::Number::from_f64(*f)
            .map(Value::Number)
            .ok_or_else(|| format!("{f} is not a JSON number"))?,
        MontyObject::String(s) => Value::String(s.clone()),
        MontyObject::List(items) | MontyObject::Tuple(items) => {
            Value::Array(items.iter().map(from_monty).collect::<Result<_, _>>()?)
        }
        MontyObject::Dict(pairs) => {
            let mut map = serde_json::Map::new();
            for (k, v) in pairs {
                let MontyObject::String(k) = k else {
                    return Err("a dict stored in a field has str keys only".into());
                };
                map.insert(k.clone(), from_monty(v)?);
            }
            Value::Object(map)
        }
        other => {
            return Err(format!("a value of type {} cannot cross to the host", type_name(other)))
        }
    })
}

fn type_name(value: &MontyObject) -> &'static str {
    match value {
        MontyObject::BigInt(_) => "int (over 64 bits)",
        MontyObject::Bytes(_) => "bytes",
        MontyObject::Set(_) | MontyObject::FrozenSet(_) => "set",
        MontyObject::Function { .. } => "function",
        MontyObject::Exception { .. } => "exception",
        _ => "object",
    }
}
