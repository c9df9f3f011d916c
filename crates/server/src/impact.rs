//! `impact`: a git diff of the indexed root (the git CLI, `git diff -U0`), read as
//! changed line ranges per file, mapped onto the nodes they change, then their
//! callers to a depth and the tests to run.
//!
//! The diff is read without context lines, renames or external diff drivers
//! (`--no-renames --no-ext-diff --no-textconv`): a renamed file is a deleted one and
//! an added one, and nothing the repository configures runs. The revision is checked
//! against a small character set before it reaches git, and is followed by `--`, so
//! it can never be read as an option or a path.

use protocol::{FileChangeKind, ImpactFile, ImpactParams};
use std::path::Path;
use std::process::Command;

/// Longest revision accepted, in bytes.
pub(crate) const MAX_REV_BYTES: usize = 200;

/// Most bytes of diff read: a diff larger than this is refused (its files would be
/// too many to answer about usefully).
const MAX_DIFF_BYTES: usize = 64 << 20;

/// The `git diff` arguments for `p` (after `git -C ROOT`), or why `p` is refused.
pub(crate) fn diff_args(p: &ImpactParams) -> Result<Vec<String>, String> {
    let mut args: Vec<String> = ["diff", "--no-color", "--no-ext-diff", "--no-textconv"]
        .into_iter()
        .chain(["--no-renames", "-U0", "--diff-filter=ADM"])
        .map(str::to_owned)
        .collect();
    match (&p.rev, p.staged, p.worktree) {
        (None, false, false) => args.push("HEAD".into()),
        (Some(rev), false, false) => {
            check_rev(rev)?;
            args.push(rev.clone());
        }
        (None, true, false) => args.push("--cached".into()),
        (None, false, true) => {}
        _ => return Err("give at most one of rev, staged and worktree".into()),
    }
    args.push("--".into());
    Ok(args)
}

/// The diff `p` asks for as a user would type it: `git diff HEAD`, `git diff main`,
/// `git diff --cached`, `git diff`.
pub(crate) fn shown(p: &ImpactParams) -> String {
    match (&p.rev, p.staged) {
        (Some(rev), _) => format!("git diff {rev}"),
        (None, true) => "git diff --cached".into(),
        (None, false) if p.worktree => "git diff".into(),
        (None, false) => "git diff HEAD".into(),
    }
}

fn check_rev(rev: &str) -> Result<(), String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || "._/~^@{}-".contains(c);
    if rev.is_empty()
        || rev.len() > MAX_REV_BYTES
        || rev.starts_with('-')
        || !rev.chars().all(allowed)
    {
        return Err(format!(
            "rev {rev:?} is not a revision: at most {MAX_REV_BYTES} bytes of letters, digits \
             and ._/~^@{{}}-, not starting with -"
        ));
    }
    Ok(())
}

/// Runs `git -C root` with `args` and parses its diff. Errors say what git said
/// (not a repository, an unknown revision) or that git is missing.
pub(crate) fn diff(root: &Path, args: &[String]) -> Result<Vec<ImpactFile>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .env("GIT_PAGER", "cat")
        .env_remove("GIT_EXTERNAL_DIFF")
        .stdin(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.contains("ot a git repository") {
            return Err(format!(
                "impact reads a git diff, and {} is not in a git repository",
                root.display()
            ));
        }
        let first = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("no message");
        return Err(format!("git diff failed in {}: {first}", root.display()));
    }
    if output.stdout.len() > MAX_DIFF_BYTES {
        return Err(format!(
            "the diff is over {} MiB: name a closer revision",
            MAX_DIFF_BYTES >> 20
        ));
    }
    Ok(parse(&String::from_utf8_lossy(&output.stdout)))
}

/// The files of a unified diff made with `-U0 --no-renames`, in path order, each with
/// the new file's changed line ranges. A hunk that only deletes lines is the line
/// after the deletion (`+c,0` → line `c + 1`), clamped to at least 1.
pub(crate) fn parse(diff: &str) -> Vec<ImpactFile> {
    let mut files: Vec<ImpactFile> = Vec::new();
    let mut old_path: Option<String> = None;
    for line in diff.lines() {
        if let Some(path) = line.strip_prefix("--- ") {
            old_path = strip_side(path, "a/");
        } else if let Some(path) = line.strip_prefix("+++ ") {
            let (path, change) = match (strip_side(path, "b/"), old_path.take()) {
                (Some(new), Some(_)) => (new, FileChangeKind::Modified),
                (Some(new), None) => (new, FileChangeKind::Added),
                (None, Some(old)) => (old, FileChangeKind::Deleted),
                (None, None) => continue,
            };
            files.push(ImpactFile {
                path,
                change,
                indexed: protocol::IndexedAs::NotIndexed,
                lines: Vec::new(),
            });
        } else if let Some(hunk) = line.strip_prefix("@@ ") {
            let Some(file) = files.last_mut() else { continue };
            if file.change == FileChangeKind::Deleted {
                continue;
            }
            if let Some(range) = new_range(hunk) {
                file.lines.push(range);
            }
        }
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// `a/path` (or `b/path`) → `path`; `/dev/null` → `None`. Paths git quotes (with
/// special characters) are unquoted for the common escapes.
fn strip_side(path: &str, side: &str) -> Option<String> {
    let path = path.trim_end_matches('\t');
    if path == "/dev/null" {
        return None;
    }
    if let Some(quoted) = path.strip_prefix('"').and_then(|p| p.strip_suffix('"')) {
        let unquoted = quoted.replace("\\\"", "\"").replace("\\\\", "\\").replace("\\t", "\t");
        return Some(unquoted.strip_prefix(side).unwrap_or(&unquoted).to_owned());
    }
    Some(path.strip_prefix(side).unwrap_or(path).to_owned())
}

/// The new side of a hunk header `-a,b +c,d @@ ...` as `[first, last]`.
fn new_range(hunk: &str) -> Option<[u32; 2]> {
    let new = hunk.split_whitespace().find(|w| w.starts_with('+'))?.strip_prefix('+')?;
    let (start, count) = match new.split_once(',') {
        Some((s, c)) => (s.parse::<u32>().ok()?, c.parse::<u32>().ok()?),
        None => (new.parse::<u32>().ok()?, 1),
    };
    Some(if count == 0 {
        let at = start.saturating_add(1).max(1);
        [at, at]
    } else {
        [start.max(1), start.max(1) + count - 1]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIFF: &str = "\
diff --git a/pkg/core.py b/pkg/core.py
index 1..2 100644
--- a/pkg/core.py
+++ b/pkg/core.py
@@ -3 +3 @@ class Engine:
-        return helper()
+        return helper() + 1
@@ -10,2 +9,0 @@ def helper():
-    x = 1
-    y = 2
diff --git a/new.py b/new.py
new file mode 100644
--- /dev/null
+++ b/new.py
@@ -0,0 +1,4 @@
+def fresh():
diff --git a/gone.py b/gone.py
deleted file mode 100644
--- a/gone.py
+++ /dev/null
@@ -1,2 +0,0 @@
-def old():
";

    #[test]
    fn a_diff_gives_each_file_its_changed_ranges() {
        let files = parse(DIFF);
        let summary: Vec<(&str, FileChangeKind, &[[u32; 2]])> =
            files.iter().map(|f| (f.path.as_str(), f.change, f.lines.as_slice())).collect();
        assert_eq!(
            summary,
            [
                ("gone.py", FileChangeKind::Deleted, &[][..]),
                ("new.py", FileChangeKind::Added, &[[1, 4]][..]),
                ("pkg/core.py", FileChangeKind::Modified, &[[3, 3], [10, 10]][..]),
            ]
        );
    }

    #[test]
    fn revisions_that_could_be_options_or_paths_are_refused() {
        let with = |rev: &str| ImpactParams { rev: Some(rev.into()), ..Default::default() };
        for bad in ["--output=/tmp/x", "-p", "", "a b", "main;rm", "x\0y", &"a".repeat(201)] {
            assert!(diff_args(&with(bad)).is_err(), "{bad:?} accepted");
        }
        for good in ["main", "HEAD~3", "origin/main", "v1.2.0", "HEAD@{1}", "abc123^"] {
            let args = diff_args(&with(good)).unwrap();
            assert_eq!(args[args.len() - 2..], [good.to_owned(), "--".to_owned()]);
        }
        let both = ImpactParams { staged: true, worktree: true, ..Default::default() };
        assert!(diff_args(&both).is_err());
    }
}
