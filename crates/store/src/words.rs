//! Identifier words for full-text search: `parseHTTPAcceptHeader` is also indexed as
//! `parse HTTP Accept Header`, `render_template2` as `render template 2`. FTS5's
//! `unicode61` tokenizer already splits at `_` and punctuation; this adds the case and
//! digit boundaries inside a run of letters and digits, which it keeps whole.

/// `text` followed by the parts of each of its identifiers that has more than one
/// (split at lower→upper, at the last capital of a capital run followed by a lower
/// case letter, and between letters and digits), separated by spaces. Text without
/// such identifiers comes back unchanged, so the function is idempotent in effect.
pub fn with_identifier_words(text: &str) -> String {
    let mut extra = String::new();
    for run in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let parts = split_identifier(run);
        if parts.len() > 1 {
            for part in parts {
                extra.push(' ');
                extra.push_str(part);
            }
        }
    }
    if extra.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + extra.len());
    out.push_str(text);
    out.push_str(&extra);
    out
}

/// The words of one run of letters and digits: `HTTPResponse` → `HTTP`, `Response`;
/// `getX2y` → `get`, `X`, `2`, `y`; `parse` → `parse`.
pub fn split_identifier(run: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = run.char_indices().collect();
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..chars.len() {
        let (at, c) = chars[i];
        let prev = chars[i - 1].1;
        let next = chars.get(i + 1).map(|&(_, n)| n);
        let boundary = (prev.is_lowercase() && c.is_uppercase())
            || (prev.is_uppercase() && c.is_uppercase() && next.is_some_and(char::is_lowercase))
            || (prev.is_alphabetic() && c.is_numeric())
            || (prev.is_numeric() && c.is_alphabetic());
        if boundary {
            parts.push(&run[start..at]);
            start = at;
        }
    }
    parts.push(&run[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_camel_case_acronyms_and_digits() {
        assert_eq!(
            split_identifier("parseHTTPAcceptHeader"),
            ["parse", "HTTP", "Accept", "Header"]
        );
        assert_eq!(split_identifier("QuerySet"), ["Query", "Set"]);
        assert_eq!(split_identifier("base64Encode"), ["base", "64", "Encode"]);
        assert_eq!(split_identifier("parse"), ["parse"]);
        assert_eq!(split_identifier("ÉtéVoilà"), ["Été", "Voilà"]);
    }

    #[test]
    fn appends_words_only_for_compound_identifiers() {
        assert_eq!(with_identifier_words("def f(x)"), "def f(x)");
        assert_eq!(
            with_identifier_words("QuerySet.filter(self, *args)"),
            "QuerySet.filter(self, *args) Query Set"
        );
    }
}
