//! Which paths the watcher's events may index: the same rules as the walk (hidden
//! entries, `.gitignore` and `.ignore` files at every level, the state directory,
//! vendored directories, the configured include/exclude globs), applied to one path
//! at a time. Matchers are built per directory on first use and dropped when an
//! ignore file changes.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Names of the ignore files honoured in every directory (as the walk does with
/// `git_global` and `git_exclude` off).
pub const IGNORE_FILES: [&str; 2] = [".gitignore", ".ignore"];

/// Names of directories that hold vendored third-party code, skipped unless
/// `Config::include_vendored` (the directory-name subset of GitHub Linguist's
/// vendor patterns, https://github.com/github-linguist/linguist/blob/main/lib/linguist/vendor.yml).
pub const VENDORED_DIRS: [&str; 6] =
    ["vendor", "vendors", "third_party", "third-party", "node_modules", "bower_components"];

/// True when a directory named `name` holds vendored code ([`VENDORED_DIRS`]).
pub fn is_vendored_dir(name: &str) -> bool {
    VENDORED_DIRS.contains(&name)
}

/// A glob of `include` or `exclude` that does not parse.
#[derive(Debug, thiserror::Error)]
#[error("invalid glob {glob:?}: {}", source.kind())]
pub struct GlobError {
    /// The glob as written.
    pub glob: String,
    /// What is wrong with it.
    #[source]
    pub source: globset::Error,
}

/// The `include` and `exclude` globs (`codehub.toml`, `--include`/`--exclude`): they
/// only narrow what the ignore rules let through, never bring back an ignored file.
///
/// A glob without `/` matches a file or directory name at any depth (`*_pb2.py`,
/// `migrations`); a glob with `/` matches the root-relative path (`src/**`,
/// `django/contrib/*/tests.py`, `/setup.py`; a leading or trailing `/` is dropped);
/// `*` never crosses a `/`,
/// `**` does. A file is excluded when it or one of its directories matches an
/// `exclude` glob, and, when there are `include` globs, unless it or one of its
/// directories matches one of them.
#[derive(Clone, Debug, Default)]
pub struct PathGlobs {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl PathGlobs {
    /// Compiles the globs. Errors name the first glob that does not parse.
    pub fn new(include: &[String], exclude: &[String]) -> Result<PathGlobs, GlobError> {
        Ok(PathGlobs { include: Self::set(include)?, exclude: Self::set(exclude)? })
    }

    fn set(globs: &[String]) -> Result<Option<GlobSet>, GlobError> {
        if globs.is_empty() {
            return Ok(None);
        }
        let mut set = GlobSetBuilder::new();
        for glob in globs {
            let trimmed = glob.trim_start_matches('/').trim_end_matches('/');
            let anchored = glob.starts_with('/') || trimmed.contains('/');
            let pattern = if anchored { trimmed.to_owned() } else { format!("**/{trimmed}") };
            let compiled = GlobBuilder::new(&pattern)
                .literal_separator(true)
                .build()
                .map_err(|source| GlobError { glob: glob.clone(), source })?;
            set.add(compiled);
        }
        set.build().map(Some).map_err(|source| GlobError { glob: globs.join(", "), source })
    }

    /// True when there are no globs (everything the ignore rules admit is indexed).
    pub fn is_empty(&self) -> bool {
        self.include.is_none() && self.exclude.is_none()
    }

    /// True when the directory `rel` (root-relative, `/`-separated) and so everything
    /// below it is excluded.
    pub fn excludes_dir(&self, rel: &str) -> bool {
        self.exclude.as_ref().is_some_and(|set| matches_self_or_parent(set, rel))
    }

    /// True when the file `rel` (root-relative, `/`-separated) is not to be indexed.
    pub fn excludes_file(&self, rel: &str) -> bool {
        self.excludes_dir(rel)
            || self.include.as_ref().is_some_and(|set| !matches_self_or_parent(set, rel))
    }
}

/// True when `set` matches `rel` or one of its ancestor directories.
fn matches_self_or_parent(set: &GlobSet, rel: &str) -> bool {
    rel.match_indices('/').any(|(i, _)| set.is_match(&rel[..i])) || set.is_match(rel)
}

/// Path filter for watcher events (see the module docs).
pub struct PathFilter {
    root: PathBuf,
    state_dir: PathBuf,
    include_vendored: bool,
    globs: PathGlobs,
    /// Directory (root-relative, "" for the root) → its matcher, if it has ignore files.
    matchers: Mutex<HashMap<String, Option<Gitignore>>>,
}

impl PathFilter {
    /// A filter for `root` that skips the state directory, vendored directories
    /// (unless `include_vendored`) and what `globs` exclude.
    pub fn new(
        root: &Path,
        state_dir: &Path,
        include_vendored: bool,
        globs: PathGlobs,
    ) -> PathFilter {
        PathFilter {
            root: root.to_owned(),
            state_dir: state_dir.to_owned(),
            include_vendored,
            globs,
            matchers: Mutex::new(HashMap::new()),
        }
    }

    /// The root-relative, `/`-separated form of an absolute `path` inside the root;
    /// `None` for paths outside it, in the state directory, or not valid UTF-8.
    pub fn relative(&self, path: &Path) -> Option<String> {
        if path.starts_with(&self.state_dir) {
            return None;
        }
        let rel = path.strip_prefix(&self.root).ok()?;
        let rel = rel.to_str()?.replace('\\', "/");
        (!rel.is_empty()).then_some(rel)
    }

    /// True when `rel` (root-relative) or one of its ancestors is hidden, ignored,
    /// excluded by the globs or (without `include_vendored`) a vendored directory.
    pub fn is_ignored(&self, rel: &str, is_dir: bool) -> bool {
        let parts: Vec<&str> = rel.split('/').collect();
        if parts.iter().any(|p| p.starts_with('.')) {
            return true;
        }
        let excluded =
            if is_dir { self.globs.excludes_dir(rel) } else { self.globs.excludes_file(rel) };
        if excluded {
            return true;
        }
        if !self.include_vendored {
            let dirs = if is_dir { &parts[..] } else { &parts[..parts.len() - 1] };
            if dirs.iter().any(|d| is_vendored_dir(d)) {
                return true;
            }
        }
        let mut matchers = self.matchers.lock().unwrap_or_else(|e| e.into_inner());
        // Check each ancestor directory's rules against the remainder of the path,
        // outermost first; a deeper whitelist cannot undo an ignored parent directory.
        for depth in 0..parts.len() {
            let dir = parts[..depth].join("/");
            let matcher = matchers.entry(dir.clone()).or_insert_with(|| self.build(&dir));
            let Some(matcher) = matcher else { continue };
            let full = self.root.join(rel);
            let last = depth + 1 == parts.len();
            let m = if last {
                matcher.matched(&full, is_dir)
            } else {
                matcher.matched_path_or_any_parents(&full, is_dir)
            };
            if m.is_ignore() {
                return true;
            }
        }
        false
    }

    /// Forgets every matcher (an ignore file changed somewhere).
    pub fn reset(&self) {
        self.matchers.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    fn build(&self, dir: &str) -> Option<Gitignore> {
        let abs = self.root.join(dir);
        let mut builder = GitignoreBuilder::new(&abs);
        let mut any = false;
        for name in IGNORE_FILES {
            let file = abs.join(name);
            if file.is_file() {
                any = true;
                if let Some(err) = builder.add(&file) {
                    tracing::warn!(file = %file.display(), %err, "ignore file partly unreadable");
                }
            }
        }
        if !any {
            return None;
        }
        builder.build().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_nested_ignore_files_and_hidden_entries() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join(".gitignore"), "build/\n*.gen.py\n").unwrap();
        std::fs::create_dir_all(root.join("pkg")).unwrap();
        std::fs::write(root.join("pkg/.ignore"), "secret.py\n").unwrap();
        let f = PathFilter::new(root, &root.join(".codehub"), false, PathGlobs::default());
        assert!(!f.is_ignored("pkg/a.py", false));
        assert!(f.is_ignored("build/x.py", false));
        assert!(f.is_ignored("pkg/x.gen.py", false));
        assert!(f.is_ignored("pkg/secret.py", false));
        assert!(!f.is_ignored("secret.py", false), "pkg/.ignore applies below pkg only");
        assert!(f.is_ignored(".git/config.py", false));
        assert!(f.is_ignored("static/vendor/jquery.js", false));
        assert!(f.is_ignored("web/node_modules", true));
        assert!(!f.is_ignored("vendor.py", false), "only directories are vendored");
        let all = PathFilter::new(root, &root.join(".codehub"), true, PathGlobs::default());
        assert!(!all.is_ignored("static/vendor/jquery.js", false));
        assert_eq!(f.relative(&root.join(".codehub/index.db")), None);
        assert_eq!(f.relative(&root.join("pkg/a.py")).as_deref(), Some("pkg/a.py"));
    }

    #[test]
    fn globs_narrow_by_name_or_by_path() {
        let globs = |inc: &[&str], exc: &[&str]| {
            let own = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
            PathGlobs::new(&own(inc), &own(exc)).unwrap()
        };
        let g = globs(&[], &["migrations", "*_pb2.py", "/docs/**"]);
        assert!(g.excludes_file("app/migrations/0001_initial.py"));
        assert!(g.excludes_dir("app/migrations"));
        assert!(g.excludes_file("proto/msg_pb2.py"));
        assert!(g.excludes_file("docs/conf.py"));
        assert!(!g.excludes_file("app/docs/conf.py"), "a glob with / is anchored at the root");
        assert!(!g.excludes_file("app/models.py"));
        let g = globs(&["src/**", "*.rs"], &["src/gen/**"]);
        assert!(!g.excludes_file("src/a/b.py"));
        assert!(!g.excludes_file("tools/x.rs"));
        assert!(g.excludes_file("tools/x.py"));
        assert!(g.excludes_file("src/gen/x.py"), "exclude wins over include");
        assert!(!g.excludes_dir("tools"), "include never prunes a directory");
        let g = globs(&["src/*.py"], &[]);
        assert!(!g.excludes_file("src/a.py"));
        assert!(g.excludes_file("src/a/b.py"), "* does not cross /");
        assert!(PathGlobs::new(&["a[".into()], &[]).is_err());
    }

    #[test]
    fn the_filter_applies_the_globs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let globs = PathGlobs::new(&[], &["gen".into()]).unwrap();
        let f = PathFilter::new(root, &root.join(".codehub"), false, globs);
        assert!(f.is_ignored("pkg/gen", true));
        assert!(f.is_ignored("pkg/gen/x.py", false));
        assert!(!f.is_ignored("pkg/x.py", false));
    }
}
