//! The rules of the change cascade (issue 14): on an event of a node (its signature
//! changed, it was added, an edge of it changed because another file did), an
//! action. The cascade the writer always ran is written as the built-in rules
//! ([`RuleSet::builtin`]); `codehub.toml` turns the optional ones off, or adds rules
//! that run a built-in action on other events or on the nodes a match selects:
//!
//! ```toml
//! [[rules]]
//! name = "docstring_outdated"        # a built-in's name: configures it
//! enabled = false
//!
//! [[rules]]
//! name = "api_docs"                  # a new rule
//! on = ["body_changed"]
//! match = { path = "src/api/**", kind = "function", name = "^get_" }
//! do = "docstring_outdated"
//! ```
//!
//! Rules only decide what the writer records about nodes (a docstring flagged as
//! outdated, a node marked as changed by a dependency). Re-linking the edges that
//! depend on a change is not a rule that can be turned off: it is what keeps every
//! edge true, so an incremental index always equals a clean one whatever the rules.

use model::NodeKind;
use std::fmt;

/// What happened to a node in a commit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Event {
    /// The node is new.
    NodeAdded,
    /// The node is gone.
    NodeRemoved,
    /// Its signature changed.
    SignatureChanged,
    /// Its source changed but not its signature or docstring.
    BodyChanged,
    /// Its docstring changed.
    DocstringChanged,
    /// An edge of it changed because another file changed.
    DependencyChanged,
    /// A test of it was added (a `tests` edge reaching it is new).
    TestAdded,
}

impl Event {
    /// Every event, in the order of the configuration's documentation.
    pub const ALL: &'static [Event] = &[
        Event::NodeAdded,
        Event::NodeRemoved,
        Event::SignatureChanged,
        Event::BodyChanged,
        Event::DocstringChanged,
        Event::DependencyChanged,
        Event::TestAdded,
    ];

    /// The configuration's spelling (`signature_changed`).
    pub fn as_str(self) -> &'static str {
        match self {
            Event::NodeAdded => "node_added",
            Event::NodeRemoved => "node_removed",
            Event::SignatureChanged => "signature_changed",
            Event::BodyChanged => "body_changed",
            Event::DocstringChanged => "docstring_changed",
            Event::DependencyChanged => "dependency_changed",
            Event::TestAdded => "test_added",
        }
    }

    /// Parses [`Event::as_str`]'s spelling.
    pub fn parse(text: &str) -> Option<Event> {
        Event::ALL.iter().copied().find(|e| e.as_str() == text)
    }
}

/// What a rule does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Re-link the edges whose answer depends on the change (always on).
    RelinkDependents,
    /// Flag the node's docstring as outdated (`docstring_outdated` in its state)
    /// until the docstring itself is edited. Only nodes with a docstring are flagged.
    DocstringOutdated,
    /// Record the node as changed by a dependency: `update_source` becomes
    /// `dependency_change`, its clock the commit's, and `changes` reports it.
    MarkDependencyChanged,
    /// Run the rule's update script ([`Rule::script`]) for the node (`crate::scripts`).
    RunScript,
}

impl Action {
    /// Every built-in action (what `do = "..."` names; a script is `script = "..."`).
    pub const ALL: &'static [Action] =
        &[Action::RelinkDependents, Action::DocstringOutdated, Action::MarkDependencyChanged];

    /// The configuration's spelling (`do = "docstring_outdated"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Action::RelinkDependents => "relink_dependents",
            Action::DocstringOutdated => "docstring_outdated",
            Action::MarkDependencyChanged => "mark_dependency_changed",
            Action::RunScript => "script",
        }
    }

    /// Parses [`Action::as_str`]'s spelling.
    pub fn parse(text: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.as_str() == text)
    }

    /// The events an action can run on: a re-link follows every change; a docstring
    /// is flagged when its node is written (an edit of the docstring itself clears
    /// the flag); a dependency change is what the other marks. (No action runs on
    /// `test_added` but scripts; a removed node has no fields for a script to set.)
    fn events(self) -> &'static [Event] {
        match self {
            Action::RelinkDependents => Event::ALL,
            Action::DocstringOutdated => {
                &[Event::NodeAdded, Event::SignatureChanged, Event::BodyChanged]
            }
            Action::MarkDependencyChanged => &[Event::DependencyChanged],
            Action::RunScript => &[
                Event::NodeAdded,
                Event::SignatureChanged,
                Event::BodyChanged,
                Event::DocstringChanged,
                Event::DependencyChanged,
                Event::TestAdded,
            ],
        }
    }
}

/// The nodes a rule applies to: each part that is set must match.
#[derive(Clone, Debug, Default)]
pub struct Match {
    /// A glob over the node's root-relative path (`src/api/**`, `*.py`: without a `/`
    /// it matches the file name at any depth), and its text.
    pub path: Option<(globset::GlobMatcher, String)>,
    /// The node's kind.
    pub kind: Option<NodeKind>,
    /// A regular expression searched in the node's name.
    pub name: Option<regex::Regex>,
}

impl Match {
    /// Whether a node at `path`, of `kind`, named `name` is selected.
    pub fn matches(&self, path: &str, kind: NodeKind, name: &str) -> bool {
        self.path.as_ref().is_none_or(|(glob, _)| glob.is_match(path))
            && self.kind.is_none_or(|k| k == kind)
            && self.name.as_ref().is_none_or(|re| re.is_match(name))
    }

    fn is_empty(&self) -> bool {
        self.path.is_none() && self.kind.is_none() && self.name.is_none()
    }
}

impl fmt::Display for Match {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("every node");
        }
        let mut parts = Vec::new();
        if let Some((_, text)) = &self.path {
            parts.push(format!("path={text}"));
        }
        if let Some(kind) = self.kind {
            parts.push(format!("kind={kind}"));
        }
        if let Some(re) = &self.name {
            parts.push(format!("name=/{}/", re.as_str()));
        }
        f.write_str(&parts.join(" "))
    }
}

/// One rule: on any of `on`, for the nodes `matcher` selects, `action`.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Its name (a built-in's, or the configuration's).
    pub name: String,
    /// The events it runs on.
    pub on: Vec<Event>,
    /// The nodes it applies to.
    pub matcher: Match,
    /// What it does.
    pub action: Action,
    /// The update script it runs, for [`Action::RunScript`] (`risk` for
    /// `.codehub/scripts/risk.py`).
    pub script: Option<String>,
    /// Whether it runs.
    pub enabled: bool,
    /// One of [`RuleSet::builtin`]'s (possibly configured).
    pub builtin: bool,
    /// It cannot be turned off ([`Action::RelinkDependents`]).
    pub required: bool,
}

/// A rule as the configuration states it (`[[rules]]` of `codehub.toml`): every
/// field but `name` optional; for a built-in's name, the fields given replace the
/// built-in's.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    /// The rule's name: a built-in's configures it.
    pub name: String,
    /// Event names.
    pub on: Option<Vec<String>>,
    /// `{ path = "glob", kind = "function", name = "regex" }`.
    #[serde(rename = "match")]
    pub matcher: Option<MatchConfig>,
    /// A built-in action's name.
    #[serde(rename = "do")]
    pub action: Option<String>,
    /// An update script's name (`.codehub/scripts/NAME.py`).
    pub script: Option<String>,
    /// Whether it runs (default: true).
    pub enabled: Option<bool>,
}

/// The `match` table of a [`RuleConfig`].
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchConfig {
    /// A glob over the node's root-relative path.
    pub path: Option<String>,
    /// A node kind (`function`, `method`, `class`, ...).
    pub kind: Option<String>,
    /// A regular expression searched in the node's name.
    pub name: Option<String>,
}

/// A rule the configuration states wrongly: the message names the rule and the
/// value, and says what is allowed.
#[derive(Debug, thiserror::Error)]
#[error("rule `{rule}`: {message}")]
pub struct RuleError {
    /// The rule's name.
    pub rule: String,
    /// What is wrong.
    pub message: String,
}

/// The rules in force, built-ins first, then the configuration's in its order.
#[derive(Clone, Debug)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet::builtin()
    }
}

impl RuleSet {
    /// The cascade the writer has always run:
    /// - `relink_dependents`: on every change, re-link the edges that depend on it
    ///   (required);
    /// - `docstring_outdated`: on `signature_changed`, flag a docstring the edit
    ///   left alone as outdated;
    /// - `dependency_changed`: on `dependency_changed`, record the node as changed
    ///   by a dependency.
    pub fn builtin() -> RuleSet {
        let rule = |name: &str, on: &[Event], action, required| Rule {
            name: name.to_owned(),
            on: on.to_vec(),
            matcher: Match::default(),
            action,
            script: None,
            enabled: true,
            builtin: true,
            required,
        };
        RuleSet {
            rules: vec![
                rule("relink_dependents", Event::ALL, Action::RelinkDependents, true),
                rule(
                    "docstring_outdated",
                    &[Event::SignatureChanged],
                    Action::DocstringOutdated,
                    false,
                ),
                rule(
                    "dependency_changed",
                    &[Event::DependencyChanged],
                    Action::MarkDependencyChanged,
                    false,
                ),
            ],
        }
    }

    /// The built-ins with `configured` applied in order: a rule named like a
    /// built-in (or like an earlier configured rule) changes it, any other is added.
    ///
    /// Errors: a new rule without `on` or without `do`; an unknown event, action or
    /// kind; a glob or regular expression that does not parse; an event the action
    /// cannot run on; turning off or changing `relink_dependents`; both `do` and
    /// `script`, or a script name that is not a plain file stem. Whether the script
    /// exists is the caller's to check (the store does not read files).
    pub fn configure(configured: &[RuleConfig]) -> Result<RuleSet, RuleError> {
        let mut set = RuleSet::builtin();
        for c in configured {
            let err = |message: String| RuleError { rule: c.name.clone(), message };
            if c.name.trim().is_empty() {
                return Err(err("a rule needs a name".into()));
            }
            if let Some(script) = &c.script {
                if c.action.is_some() {
                    return Err(err("a rule has `do` or `script`, not both".into()));
                }
                if !is_script_name(script) {
                    return Err(err(format!(
                        "script `{script}` is not a script name (letters, digits, `_` and `-`: \
                         `risk` runs `.codehub/scripts/risk.py`)"
                    )));
                }
            }
            let existing = set.rules.iter().position(|r| r.name == c.name);
            if let Some(i) = existing {
                if set.rules[i].required {
                    let changes = c.enabled == Some(false)
                        || c.on.is_some()
                        || c.matcher.is_some()
                        || c.action.is_some();
                    if changes {
                        return Err(err(
                            "re-linking dependents keeps every edge true and cannot be turned \
                             off or changed"
                                .into(),
                        ));
                    }
                    continue;
                }
            }
            let action = match (&c.action, existing) {
                _ if c.script.is_some() => Action::RunScript,
                (Some(text), _) => Action::parse(text).ok_or_else(|| {
                    err(format!(
                        "unknown action `{text}` (one of {})",
                        names(Action::ALL, Action::as_str)
                    ))
                })?,
                (None, Some(i)) => set.rules[i].action,
                (None, None) => {
                    return Err(err("a new rule needs `do` (a built-in action) or `script`".into()))
                }
            };
            if action == Action::RelinkDependents {
                return Err(err("`relink_dependents` runs on every change already".into()));
            }
            let on = match (&c.on, existing) {
                (Some(list), _) => {
                    let mut on = Vec::new();
                    for text in list {
                        let event = Event::parse(text).ok_or_else(|| {
                            err(format!(
                                "unknown event `{text}` (one of {})",
                                names(Event::ALL, Event::as_str)
                            ))
                        })?;
                        if !action.events().contains(&event) {
                            return Err(err(format!(
                                "`{}` cannot run on `{text}` (it runs on {})",
                                action.as_str(),
                                names(action.events(), Event::as_str)
                            )));
                        }
                        if !on.contains(&event) {
                            on.push(event);
                        }
                    }
                    if on.is_empty() {
                        return Err(err("`on` lists no event".into()));
                    }
                    on
                }
                (None, Some(i)) => set.rules[i].on.clone(),
                (None, None) => return Err(err("a new rule needs `on` (its events)".into())),
            };
            let matcher = match (&c.matcher, existing) {
                (Some(m), _) => parse_match(m).map_err(err)?,
                (None, Some(i)) => set.rules[i].matcher.clone(),
                (None, None) => Match::default(),
            };
            let enabled = c.enabled.unwrap_or(true);
            let script = match existing {
                _ if c.script.is_some() => c.script.clone(),
                Some(i) if action == Action::RunScript => set.rules[i].script.clone(),
                _ => None,
            };
            match existing {
                Some(i) => {
                    let r = &mut set.rules[i];
                    (r.on, r.matcher, r.action, r.script, r.enabled) =
                        (on, matcher, action, script, enabled);
                }
                None => set.rules.push(Rule {
                    name: c.name.clone(),
                    on,
                    matcher,
                    action,
                    script,
                    enabled,
                    builtin: false,
                    required: false,
                }),
            }
        }
        Ok(set)
    }

    /// The rules, built-ins first.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Whether an enabled rule runs `action` on one of `events` of the node at
    /// `path`, of `kind`, named `name`.
    pub fn runs(
        &self,
        action: Action,
        events: &[Event],
        path: &str,
        kind: NodeKind,
        name: &str,
    ) -> bool {
        self.rules.iter().any(|r| {
            r.enabled
                && r.action == action
                && r.on.iter().any(|e| events.contains(e))
                && r.matcher.matches(path, kind, name)
        })
    }

    /// Whether any enabled rule runs `action` (on any node).
    pub fn any(&self, action: Action) -> bool {
        self.rules.iter().any(|r| r.enabled && r.action == action)
    }

    /// Whether an enabled rule without a match runs `action` on `event`: then it runs
    /// for every node, and the node need not be looked at.
    pub fn runs_everywhere(&self, action: Action, event: Event) -> bool {
        self.rules.iter().any(|r| {
            r.enabled && r.action == action && r.on.contains(&event) && r.matcher.is_empty()
        })
    }

    /// The scripts of the enabled rules that run on one of `events` of the node at
    /// `path`, of `kind`, named `name`, each once, in rule order.
    pub fn scripts_for(
        &self,
        events: &[Event],
        path: &str,
        kind: NodeKind,
        name: &str,
    ) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in &self.rules {
            let Some(script) = r.script.as_deref() else { continue };
            if r.enabled
                && r.on.iter().any(|e| events.contains(e))
                && r.matcher.matches(path, kind, name)
                && !out.contains(&script)
            {
                out.push(script);
            }
        }
        out
    }

    /// The scripts the enabled rules run, each once, sorted.
    pub fn scripts(&self) -> Vec<&str> {
        let mut out: Vec<&str> =
            self.rules.iter().filter(|r| r.enabled).filter_map(|r| r.script.as_deref()).collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Whether `name` can name a script file: `[A-Za-z0-9_-]+`, so that it is a plain
/// file stem in the scripts directory and nothing else.
pub fn is_script_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn names<T: Copy>(all: &[T], name: fn(T) -> &'static str) -> String {
    all.iter().map(|&x| name(x)).collect::<Vec<_>>().join(", ")
}

fn parse_match(m: &MatchConfig) -> Result<Match, String> {
    let path = match &m.path {
        Some(text) => {
            // A glob without `/` matches a file name at any depth, as --include's do.
            let pattern = if text.contains('/') { text.clone() } else { format!("**/{text}") };
            let glob = globset::GlobBuilder::new(&pattern)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("match.path `{text}` is not a glob: {e}"))?;
            Some((glob.compile_matcher(), text.clone()))
        }
        None => None,
    };
    let kind = match &m.kind {
        Some(text) => Some(NodeKind::parse(text).ok_or_else(|| {
            format!(
                "match.kind `{text}` is not a node kind (one of {})",
                names(NodeKind::ALL, NodeKind::as_str)
            )
        })?),
        None => None,
    };
    let name = match &m.name {
        Some(text) => Some(
            regex::Regex::new(text)
                .map_err(|e| format!("match.name `{text}` is not a regular expression: {e}"))?,
        ),
        None => None,
    };
    Ok(Match { path, kind, name })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Vec<RuleConfig> {
        #[derive(serde::Deserialize)]
        struct File {
            rules: Vec<RuleConfig>,
        }
        toml_like::<File>(text).rules
    }

    /// The tests state rules as JSON (the store does not parse TOML; the CLI does).
    fn toml_like<T: serde::de::DeserializeOwned>(json: &str) -> T {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_builtin_rules_are_the_cascade_and_flag_docstrings_on_signature_changes_only() {
        let set = RuleSet::builtin();
        let names: Vec<&str> = set.rules().iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["relink_dependents", "docstring_outdated", "dependency_changed"]);
        let f = NodeKind::Function;
        assert!(set.runs(Action::DocstringOutdated, &[Event::SignatureChanged], "a.py", f, "f"));
        assert!(!set.runs(Action::DocstringOutdated, &[Event::BodyChanged], "a.py", f, "f"));
        assert!(set.runs(
            Action::MarkDependencyChanged,
            &[Event::DependencyChanged],
            "a.py",
            f,
            "f"
        ));
    }

    #[test]
    fn configured_rules_turn_builtins_off_and_add_matched_ones() {
        let set = RuleSet::configure(&config(
            r#"{"rules": [
                {"name": "docstring_outdated", "enabled": false},
                {"name": "api_docs", "on": ["body_changed", "signature_changed"],
                 "match": {"path": "src/api/**", "kind": "function", "name": "^get_"},
                 "do": "docstring_outdated"}
            ]}"#,
        ))
        .unwrap();
        let f = NodeKind::Function;
        let sig = [Event::SignatureChanged];
        assert!(!set.runs(Action::DocstringOutdated, &sig, "src/lib.py", f, "get_x"));
        assert!(set.runs(
            Action::DocstringOutdated,
            &[Event::BodyChanged],
            "src/api/v1.py",
            f,
            "get_x"
        ));
        assert!(!set.runs(
            Action::DocstringOutdated,
            &sig,
            "src/api/v1.py",
            NodeKind::Method,
            "get_x"
        ));
        assert!(!set.runs(Action::DocstringOutdated, &sig, "src/api/v1.py", f, "put_x"));
        assert!(!set.runs(Action::DocstringOutdated, &sig, "tests/api/v1.py", f, "get_x"));
        let api = &set.rules()[3];
        assert_eq!(api.matcher.to_string(), "path=src/api/** kind=function name=/^get_/");
    }

    #[test]
    fn script_rules_name_their_script_and_select_nodes() {
        let set = RuleSet::configure(&config(
            r#"{"rules": [
                {"name": "risk", "on": ["node_added", "body_changed"], "script": "risk",
                 "match": {"kind": "function"}},
                {"name": "owner", "on": ["node_added"], "script": "owner"},
                {"name": "off", "on": ["node_added"], "script": "off", "enabled": false}
            ]}"#,
        ))
        .unwrap();
        let f = NodeKind::Function;
        assert_eq!(set.scripts(), ["owner", "risk"]);
        assert_eq!(set.scripts_for(&[Event::NodeAdded], "a.py", f, "f"), ["risk", "owner"]);
        assert_eq!(set.scripts_for(&[Event::BodyChanged], "a.py", f, "f"), ["risk"]);
        assert!(set.scripts_for(&[Event::BodyChanged], "a.py", NodeKind::Class, "C").is_empty());
        assert_eq!(set.rules()[3].action, Action::RunScript);
        assert_eq!(set.rules()[3].script.as_deref(), Some("risk"));
    }

    #[test]
    fn wrong_rules_are_refused_with_what_is_allowed() {
        let refused = |json: &str| RuleSet::configure(&config(json)).unwrap_err().to_string();
        let e = refused(r#"{"rules": [{"name": "relink_dependents", "enabled": false}]}"#);
        assert!(e.contains("cannot be turned off"), "{e}");
        let e =
            refused(r#"{"rules": [{"name": "x", "on": ["saved"], "do": "docstring_outdated"}]}"#);
        assert!(e.starts_with("rule `x`: unknown event `saved` (one of node_added,"), "{e}");
        let e = refused(r#"{"rules": [{"name": "x", "on": ["node_added"], "do": "explode"}]}"#);
        assert!(e.contains("unknown action `explode`"), "{e}");
        let e = refused(
            r#"{"rules": [{"name": "x", "on": ["node_removed"], "do": "docstring_outdated"}]}"#,
        );
        assert!(
            e.contains("cannot run on `node_removed` (it runs on node_added, signature_changed, body_changed)"),
            "{e}"
        );
        let e = refused(r#"{"rules": [{"name": "x", "do": "docstring_outdated"}]}"#);
        assert!(e.contains("needs `on`"), "{e}");
        let e = refused(
            r#"{"rules": [{"name": "x", "on": ["node_added"], "do": "docstring_outdated", "match": {"name": "("}}]}"#,
        );
        assert!(e.contains("not a regular expression"), "{e}");
        let e = refused(
            r#"{"rules": [{"name": "x", "on": ["node_added"], "do": "docstring_outdated", "match": {"kind": "lambda"}}]}"#,
        );
        assert!(e.contains("not a node kind"), "{e}");
        let e = refused(
            r#"{"rules": [{"name": "risk", "on": ["node_added"], "script": "../etc/passwd"}]}"#,
        );
        assert!(e.contains("is not a script name"), "{e}");
        let e =
            refused(r#"{"rules": [{"name": "risk", "on": ["node_removed"], "script": "risk"}]}"#);
        assert!(e.contains("`script` cannot run on `node_removed`"), "{e}");
        let e = refused(
            r#"{"rules": [{"name": "r", "on": ["node_added"], "script": "r", "do": "docstring_outdated"}]}"#,
        );
        assert!(e.contains("not both"), "{e}");
    }
}
