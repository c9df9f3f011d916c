//! CODEOWNERS, as GitHub reads it
//! (<https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners>):
//! the first of `.github/CODEOWNERS`, `CODEOWNERS`, `docs/CODEOWNERS`; one
//! `pattern owner...` per line, `#` comments; the *last* matching pattern decides
//! (one without owners clears them). Patterns follow gitignore: a leading `/`, or a
//! `/` inside, anchors at the root; otherwise the pattern matches at any depth; a
//! pattern matches a directory's contents too; `*` stays within one path segment,
//! `**` crosses them.

use globset::{GlobBuilder, GlobMatcher};
use std::path::{Path, PathBuf};

/// The places GitHub looks for the file, in its order.
const LOCATIONS: &[&str] = &[".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

/// The parsed rules of one CODEOWNERS file (none when the root has none).
#[derive(Default)]
pub struct Codeowners {
    rules: Vec<(Vec<GlobMatcher>, Vec<String>)>,
    text: String,
}

impl Codeowners {
    /// Reads the root's CODEOWNERS. Lines whose pattern is not a glob are skipped
    /// (GitHub skips them too). Errors: the file exists but cannot be read.
    pub fn load(root: &Path) -> Result<Codeowners, (PathBuf, std::io::Error)> {
        for location in LOCATIONS {
            let path = root.join(location);
            match std::fs::read_to_string(&path) {
                Ok(text) => return Ok(Codeowners::parse(&text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err((path, e)),
            }
        }
        Ok(Codeowners::default())
    }

    /// Parses CODEOWNERS text.
    pub fn parse(text: &str) -> Codeowners {
        let mut rules = Vec::new();
        for line in text.lines() {
            let line = line.split_once(" #").map_or(line, |(l, _)| l).trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut words = line.split_whitespace();
            let Some(pattern) = words.next() else { continue };
            let owners: Vec<String> = words.map(str::to_owned).collect();
            if let Some(globs) = globs(pattern) {
                rules.push((globs, owners));
            }
        }
        Codeowners { rules, text: text.to_owned() }
    }

    /// The owners of the root-relative `path` (empty when no rule gives any).
    pub fn owners(&self, path: &str) -> Vec<String> {
        self.rules
            .iter()
            .rev()
            .find(|(globs, _)| globs.iter().any(|g| g.is_match(path)))
            .map(|(_, owners)| owners.clone())
            .unwrap_or_default()
    }

    /// What the answers depend on: the file's text.
    pub fn fingerprint(&self) -> &str {
        &self.text
    }
}

fn globs(pattern: &str) -> Option<Vec<GlobMatcher>> {
    let directory = pattern.ends_with('/');
    let trimmed = pattern.trim_end_matches('/');
    let anchored = trimmed.starts_with('/') || trimmed.contains('/');
    let body = trimmed.trim_start_matches('/');
    if body.is_empty() {
        return None;
    }
    let base =
        if anchored || body.starts_with("**") { body.to_owned() } else { format!("**/{body}") };
    let mut texts = vec![format!("{base}/**")];
    if !directory {
        texts.push(base);
    }
    texts
        .iter()
        .map(|t| {
            GlobBuilder::new(t).literal_separator(true).build().ok().map(|g| g.compile_matcher())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_matching_rule_decides_as_on_github() {
        let owners = Codeowners::parse(
            "# comment\n\
             *       @everyone\n\
             *.py    @python-team   # trailing comment\n\
             /docs/  @docs\n\
             apps/   @apps\n\
             /src/core/*.py @core\n\
             /src/core/generated.py\n",
        );
        assert_eq!(owners.owners("README.md"), ["@everyone"]);
        assert_eq!(owners.owners("lib/a.py"), ["@python-team"]);
        assert_eq!(owners.owners("docs/guide/intro.md"), ["@docs"]);
        assert_eq!(owners.owners("x/docs/intro.md"), ["@everyone"], "/docs/ is anchored");
        assert_eq!(owners.owners("web/apps/main.js"), ["@apps"], "apps/ matches at any depth");
        assert_eq!(owners.owners("src/core/models.py"), ["@core"]);
        assert_eq!(owners.owners("src/core/sub/models.py"), ["@python-team"], "* is one segment");
        assert!(owners.owners("src/core/generated.py").is_empty(), "no owners clears them");
    }
}
