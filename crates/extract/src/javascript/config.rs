//! `tsconfig.json` and `jsconfig.json`: their `baseUrl`/`paths` mappings become
//! `js:pkg:` alias symbols (JSON with comments and trailing commas, as `tsc` reads it).

use super::*;
use model::keys;

/// Whether `path` is a TypeScript/JavaScript project file whose path mappings
/// (`compilerOptions.baseUrl` and `paths`) codehub reads: `tsconfig.json` or
/// `jsconfig.json`, in any directory.
pub(crate) fn is_config(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    file == "tsconfig.json" || file == "jsconfig.json"
}

/// Extracts a `tsconfig.json`/`jsconfig.json`: a module node and, for its path
/// mappings, alias symbols from the bare-specifier space to the root's files. With
/// `baseUrl` B and `paths` `{"@/*": ["src/*"], "utils": ["src/lib/utils"]}` (targets
/// relative to B, B relative to the file's directory) it exports `js:pkg:@` →
/// `js:{B}/src` and `js:pkg:utils` → `js:{B}/src/lib/utils`; a `*` pattern, or
/// `baseUrl` alone, exports the empty prefix `js:pkg:` → `js:{B}`. The linker looks
/// a bare key's longest `/`-prefix up among such aliases (`js:pkg:@/lib/money.cents`
/// → `js:src/lib/money.cents`). Comments and trailing commas are allowed, as `tsc`
/// allows them; `extends` is not followed.
pub(crate) fn extract_config(path: &str, src: &[u8]) -> FileFacts {
    let empty = builder::parse(&tree_sitter_javascript::LANGUAGE.into(), b"");
    let mut b = FileBuilder::new(path, src, Language::TypeScript, &empty);
    let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
    let text = String::from_utf8_lossy(src);
    let json: serde_json::Value = match serde_json::from_str(&strip_jsonc(&text)) {
        Ok(v) => v,
        Err(e) => {
            b.diagnostic(e.line() as u32, format!("invalid JSON: {e}"));
            return b.finish();
        }
    };
    let options = json.get("compilerOptions");
    let base_url = options.and_then(|o| o.get("baseUrl")).and_then(|v| v.as_str());
    let paths = options.and_then(|o| o.get("paths")).and_then(|v| v.as_object());
    // `paths` targets are relative to `baseUrl`, or to the file's directory without one.
    let base = join_path(dir, base_url.unwrap_or("."));
    let mut wildcard = false;
    for (pattern, targets) in paths.into_iter().flatten() {
        let targets = targets.as_array().map(Vec::as_slice).unwrap_or_default();
        let key = if pattern == "*" {
            wildcard = true;
            keys::JS_PACKAGE.to_owned()
        } else if let Some(prefix) = pattern.strip_suffix("/*") {
            if prefix.contains('*') || prefix.is_empty() {
                continue;
            }
            format!("{}{prefix}", keys::JS_PACKAGE)
        } else if !pattern.contains('*') {
            format!("{}{pattern}", keys::JS_PACKAGE)
        } else {
            continue;
        };
        for target in targets.iter().filter_map(|t| t.as_str()) {
            let target = if pattern.contains('*') {
                let Some(dir) = target.strip_suffix("/*").or(target.strip_suffix('*')) else {
                    continue;
                };
                if dir.contains('*') {
                    continue;
                }
                format!("{}{}", keys::JS, join_path(&base, dir))
            } else if target.contains('*') {
                continue;
            } else {
                let joined = join_path(&base, target);
                let stem = strip_ext(&joined);
                let stem = stem.strip_suffix("/index").unwrap_or(stem);
                if stem.is_empty() || stem == "index" {
                    format!("{}index", keys::JS)
                } else {
                    format!("{}{stem}", keys::JS)
                }
            };
            b.export_alias(key.clone(), target);
        }
    }
    if base_url.is_some() && !wildcard {
        b.export_alias(keys::JS_PACKAGE.to_owned(), format!("{}{base}", keys::JS));
    }
    b.finish()
}

/// `rel` (`./src`, `../lib`, `src/`) joined to the root-relative directory `dir` and
/// normalised: no `.`, `..` only leading, no empty segments (`""` for the root).
pub(super) fn join_path(dir: &str, rel: &str) -> String {
    let mut segments: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if segments.last().is_some_and(|s| *s != "..") {
                    segments.pop();
                } else {
                    segments.push("..");
                }
            }
            _ => segments.push(seg),
        }
    }
    segments.join("/")
}

/// JSON with comments (`//`, `/* */`) and trailing commas, as `tsc` reads it, turned
/// into strict JSON. Strings are copied as they are; comments become spaces so that
/// line numbers of errors stay right.
pub(super) fn strip_jsonc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push(c);
                while let Some(c) = chars.next() {
                    out.push(c);
                    match c {
                        '\\' => out.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                    }
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                out.push(' ');
            }
            ']' | '}' => {
                // A trailing comma: the last non-space character written is a comma.
                let kept = out.trim_end_matches(char::is_whitespace).len();
                if out[..kept].ends_with(',') {
                    out.replace_range(kept - 1..kept, " ");
                }
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
/// Unit tests of project-file extraction and the JSONC reader.
mod tests {
    use super::*;

    fn config_aliases(path: &str, src: &str) -> Vec<(String, String)> {
        let facts = crate::extract(path, src.as_bytes()).expect("a project file is extracted");
        assert_eq!(facts.nodes.len(), 1, "only the module node");
        let mut out: Vec<(String, String)> = facts
            .symbols
            .into_iter()
            .map(|s| match s.target {
                crate::SymbolTarget::Alias(t) => (s.key, t),
                crate::SymbolTarget::Node(n) => panic!("{} is no alias of {n}", s.key),
            })
            .collect();
        out.sort();
        out
    }

    fn pairs(rows: &[(&str, &str)]) -> Vec<(String, String)> {
        rows.iter().map(|(k, t)| ((*k).to_owned(), (*t).to_owned())).collect()
    }

    #[test]
    fn tsconfig_paths_become_bare_specifier_aliases() {
        let src = r#"{
          // comments and trailing commas, as tsc allows
          "compilerOptions": {
            "baseUrl": "./web", /* relative to this file */
            "paths": {
              "@/*": ["src/*", "gen/*",],
              "utils": ["src/lib/utils.ts"],
              "~x*": ["odd/*"],
            },
          },
        }"#;
        assert_eq!(
            config_aliases("app/tsconfig.json", src),
            pairs(&[
                ("js:pkg:", "js:app/web"),
                ("js:pkg:@", "js:app/web/gen"),
                ("js:pkg:@", "js:app/web/src"),
                ("js:pkg:utils", "js:app/web/src/lib/utils"),
            ])
        );
        let wildcard = r#"{"compilerOptions": {"paths": {"*": ["./*"]}}}"#;
        assert_eq!(config_aliases("jsconfig.json", wildcard), pairs(&[("js:pkg:", "js:")]));
        assert!(config_aliases("tsconfig.json", "{}").is_empty());
        let broken = crate::extract("tsconfig.json", b"{ nope").unwrap();
        assert!(broken.symbols.is_empty() && !broken.diagnostics.is_empty());
        assert!(crate::extract("tsconfig.base.json", b"{}").is_none());
    }

    #[test]
    fn jsonc_keeps_strings_and_drops_comments_and_trailing_commas() {
        let text = "{\"a//b\": \"/*x*/\", // c\n \"l\": [1, 2,] /* d */ ,}";
        let json: serde_json::Value = serde_json::from_str(&strip_jsonc(text)).unwrap();
        assert_eq!(json, serde_json::json!({"a//b": "/*x*/", "l": [1, 2]}));
    }
}
