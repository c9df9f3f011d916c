//! Which paths the watcher's events may index: the same rules as the walk (hidden
//! entries, `.gitignore` and `.ignore` files at every level, the state directory),
//! applied to one path at a time. Matchers are built per directory on first use and
//! dropped when an ignore file changes.

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

/// Path filter for watcher events (see the module docs).
pub struct PathFilter {
    root: PathBuf,
    state_dir: PathBuf,
    include_vendored: bool,
    /// Directory (root-relative, "" for the root) → its matcher, if it has ignore files.
    matchers: Mutex<HashMap<String, Option<Gitignore>>>,
}

impl PathFilter {
    pub fn new(root: &Path, state_dir: &Path, include_vendored: bool) -> PathFilter {
        PathFilter {
            root: root.to_owned(),
            state_dir: state_dir.to_owned(),
            include_vendored,
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

    /// True when `rel` (root-relative) or one of its ancestors is hidden, ignored or
    /// (without `include_vendored`) a vendored directory.
    pub fn is_ignored(&self, rel: &str, is_dir: bool) -> bool {
        let parts: Vec<&str> = rel.split('/').collect();
        if parts.iter().any(|p| p.starts_with('.')) {
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
        let f = PathFilter::new(root, &root.join(".codehub"), false);
        assert!(!f.is_ignored("pkg/a.py", false));
        assert!(f.is_ignored("build/x.py", false));
        assert!(f.is_ignored("pkg/x.gen.py", false));
        assert!(f.is_ignored("pkg/secret.py", false));
        assert!(!f.is_ignored("secret.py", false), "pkg/.ignore applies below pkg only");
        assert!(f.is_ignored(".git/config.py", false));
        assert!(f.is_ignored("static/vendor/jquery.js", false));
        assert!(f.is_ignored("web/node_modules", true));
        assert!(!f.is_ignored("vendor.py", false), "only directories are vendored");
        let all = PathFilter::new(root, &root.join(".codehub"), true);
        assert!(!all.is_ignored("static/vendor/jquery.js", false));
        assert_eq!(f.relative(&root.join(".codehub/index.db")), None);
        assert_eq!(f.relative(&root.join("pkg/a.py")).as_deref(), Some("pkg/a.py"));
    }
}
