//! Doc-comment cleaning shared by the languages: the steps Python's docstrings, Rust's
//! doc comments and JSDoc have in common. Each language keeps its own rule for which
//! comment is a doc and how its markers come off.

/// The common indentation of `lines` after the first, blank lines ignored (0 when
/// there are none), as Python's `inspect.cleandoc` measures it.
pub(crate) fn margin(lines: &[&str]) -> usize {
    lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0)
}

/// A block-comment line without its ` * ` margin: leading blanks, one `*` and one
/// space after it removed (`   * text` → `text`); a line without a `*` loses only its
/// leading blanks.
pub(crate) fn strip_star(line: &str) -> &str {
    let t = line.trim_start();
    match t.strip_prefix('*') {
        Some(rest) => rest.strip_prefix(' ').unwrap_or(rest),
        None => t,
    }
}

/// Drops the blank lines at the start and the end of `lines`.
pub(crate) fn trim_blank_edges<S: AsRef<str>>(lines: &mut Vec<S>) {
    let first = lines.iter().position(|l| !l.as_ref().trim().is_empty()).unwrap_or(lines.len());
    lines.drain(..first);
    while lines.last().is_some_and(|l| l.as_ref().trim().is_empty()) {
        lines.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn margins_skip_the_first_and_blank_lines() {
        assert_eq!(margin(&["first", "    a", "", "  b"]), 2);
        assert_eq!(margin(&["only"]), 0);
    }

    #[test]
    fn stars_and_blank_edges_come_off() {
        assert_eq!(strip_star("   * text"), "text");
        assert_eq!(strip_star("   *  code"), " code");
        assert_eq!(strip_star("  plain"), "plain");
        let mut lines = vec!["", " ", "a", "", "b", ""];
        trim_blank_edges(&mut lines);
        assert_eq!(lines, ["a", "", "b"]);
    }
}
