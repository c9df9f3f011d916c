//! Texts shown in place of what did not resolve.

/// How many characters of a callee's (or heritage head's) source text an unresolved
/// target keeps.
pub(crate) const MAX_SHOWN_CHARS: usize = 80;

/// Caps `text` at `limit` characters (at least 1), marking the cut with `…` (which
/// counts toward the limit).
/// `text` capped at [`MAX_SHOWN_CHARS`] characters: how an unresolved callee's (or a
/// signature's) text is shown, in every language.
pub(crate) fn shown(text: &str) -> String {
    short(text, MAX_SHOWN_CHARS)
}

pub(crate) fn short(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(limit - 1).collect();
    s.push('…');
    s
}
