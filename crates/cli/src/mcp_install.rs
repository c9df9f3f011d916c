//! `codehub mcp install --client NAME [PATH]`: sets an agent up to use `codehub mcp`
//! for a root in one command. Writes the client's own MCP configuration file (or,
//! with `--print`, prints the entry), merged into the existing file: other servers,
//! other settings, comments and formatting stay as they were (jsonc-parser's CST,
//! toml_edit). A file it cannot parse is refused, untouched, with the entry to add by
//! hand.
//!
//! | client        | file                                   | table                      |
//! |---------------|----------------------------------------|----------------------------|
//! | `claude-code` | `ROOT/.mcp.json` (project scope)       | `mcpServers`               |
//! | `cursor`      | `ROOT/.cursor/mcp.json`                | `mcpServers`               |
//! | `vscode`      | `ROOT/.vscode/mcp.json`                | `servers` (`type: stdio`)  |
//! | `codex`       | `$CODEX_HOME/config.toml` (`~/.codex`) | `[mcp_servers.NAME]`       |
//! | `windsurf`    | `~/.codeium/windsurf/mcp_config.json`  | `mcpServers`               |
//! | `gemini`      | `ROOT/.gemini/settings.json`           | `mcpServers`               |
//!
//! The entry runs this executable (its absolute path: editors started from a desktop
//! often lack `~/.cargo/bin` on their `PATH`) as `codehub mcp ROOT`.

use anyhow::{anyhow, bail, Context, Result};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `codehub mcp install` arguments.
#[derive(clap::Args, Debug)]
pub struct InstallArgs {
    /// The client to set up.
    #[arg(long, value_enum)]
    pub client: Client,
    /// The root `codehub mcp` serves (default: as for `index`).
    pub path: Option<PathBuf>,
    /// Print the entry (and the file it belongs in) instead of writing the file.
    #[arg(long)]
    pub print: bool,
    /// The server's name in the client's configuration.
    #[arg(long, default_value = "codehub", value_name = "NAME")]
    pub name: String,
}

/// The MCP clients `codehub mcp install` knows how to configure.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Client {
    /// Claude Code: the project's `.mcp.json` (what `claude mcp add --scope project` writes).
    ClaudeCode,
    /// Cursor: the project's `.cursor/mcp.json`.
    Cursor,
    /// VS Code (Copilot agent mode): the workspace's `.vscode/mcp.json`.
    #[value(alias = "code")]
    Vscode,
    /// OpenAI Codex CLI: `~/.codex/config.toml` (or `$CODEX_HOME/config.toml`).
    Codex,
    /// Windsurf: `~/.codeium/windsurf/mcp_config.json`.
    Windsurf,
    /// Gemini CLI: the project's `.gemini/settings.json`.
    #[value(alias = "gemini-cli")]
    Gemini,
}

/// How a client's file is written.
#[derive(Clone, Copy, Debug)]
enum Format {
    /// A JSON object of servers under `key` at the top level of the file.
    Json {
        key: &'static str,
        /// Whether entries carry `"type": "stdio"`.
        typed: bool,
        /// Whether the client reads comments and trailing commas (JSONC).
        jsonc: bool,
    },
    /// TOML tables `[mcp_servers.NAME]`.
    Toml,
}

impl Client {
    fn label(self) -> &'static str {
        match self {
            Client::ClaudeCode => "Claude Code",
            Client::Cursor => "Cursor",
            Client::Vscode => "VS Code",
            Client::Codex => "Codex",
            Client::Windsurf => "Windsurf",
            Client::Gemini => "Gemini CLI",
        }
    }

    fn format(self) -> Format {
        match self {
            Client::ClaudeCode => Format::Json { key: "mcpServers", typed: true, jsonc: false },
            Client::Cursor => Format::Json { key: "mcpServers", typed: false, jsonc: true },
            Client::Vscode => Format::Json { key: "servers", typed: true, jsonc: true },
            Client::Codex => Format::Toml,
            Client::Windsurf => Format::Json { key: "mcpServers", typed: false, jsonc: true },
            Client::Gemini => Format::Json { key: "mcpServers", typed: false, jsonc: true },
        }
    }

    /// The configuration file for `root`. Errors when a per-user file is asked for
    /// and `HOME` is unset.
    fn file(self, root: &Path) -> Result<PathBuf> {
        let home = || -> Result<PathBuf> {
            std::env::var_os("HOME").filter(|h| !h.is_empty()).map(PathBuf::from).ok_or_else(|| {
                anyhow!("HOME is not set: cannot find {}'s configuration", self.label())
            })
        };
        Ok(match self {
            Client::ClaudeCode => root.join(".mcp.json"),
            Client::Cursor => root.join(".cursor/mcp.json"),
            Client::Vscode => root.join(".vscode/mcp.json"),
            Client::Gemini => root.join(".gemini/settings.json"),
            Client::Codex => match std::env::var_os("CODEX_HOME").filter(|h| !h.is_empty()) {
                Some(dir) => PathBuf::from(dir).join("config.toml"),
                None => home()?.join(".codex/config.toml"),
            },
            Client::Windsurf => home()?.join(".codeium/windsurf/mcp_config.json"),
        })
    }

    /// What the client needs to pick the server up.
    fn next_step(self) -> &'static str {
        match self {
            Client::ClaudeCode => {
                "Claude Code asks to approve the project's servers when it next starts here"
            }
            Client::Cursor => "enable it in Cursor's MCP settings if it is not on already",
            Client::Vscode => {
                "start it from the MCP: List Servers command or the Start link in the file"
            }
            Client::Codex => "codex starts it in its next session (/mcp lists it)",
            Client::Windsurf => "refresh the MCP servers in Windsurf's Cascade panel",
            Client::Gemini => "gemini starts it in its next session (/mcp lists it)",
        }
    }
}

/// The server entry: what the client runs.
struct Entry {
    command: String,
    args: Vec<String>,
}

/// What installing did to the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Created,
    Added,
    Updated,
    Unchanged,
}

impl Action {
    fn as_str(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Added => "added",
            Action::Updated => "updated",
            Action::Unchanged => "unchanged",
        }
    }
}

/// Runs `codehub mcp install` for `root` (canonical). Prints what it did (a JSON
/// object with `json`): `client`, `file`, `name`, `action` (`created`, `added`,
/// `updated`, `unchanged`, or `printed`), `command`, `args`.
pub fn run(args: &InstallArgs, root: &Path, json: bool) -> Result<ExitCode> {
    if args.name.is_empty() {
        bail!("--name must not be empty");
    }
    let exe = std::env::current_exe().context("finding the codehub executable")?;
    let exe = exe.canonicalize().unwrap_or(exe);
    let utf8 = |p: &Path| {
        p.to_str().map(str::to_owned).ok_or_else(|| anyhow!("{} is not valid UTF-8", p.display()))
    };
    let entry = Entry { command: utf8(&exe)?, args: vec!["mcp".into(), utf8(root)?] };
    let client = args.client;
    let file = client.file(root)?;
    let format = client.format();
    let mut stdout = std::io::stdout().lock();

    if args.print {
        let (text, _) = merge(format, None, &args.name, &entry)?;
        if json {
            let doc = json!({
                "client": client_name(client), "file": file, "name": args.name,
                "action": "printed", "command": entry.command, "args": entry.args,
                "config": text,
            });
            writeln!(stdout, "{}", serde_json::to_string_pretty(&doc)?)?;
        } else {
            eprintln!("# {}: merge this into {}", client.label(), file.display());
            write!(stdout, "{text}")?;
        }
        return Ok(ExitCode::SUCCESS);
    }

    // Write through a symlink (dotfiles managed elsewhere) rather than replace it.
    let target =
        if file.exists() { file.canonicalize().unwrap_or(file.clone()) } else { file.clone() };
    let existing = match std::fs::read_to_string(&target) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("reading {}", target.display())),
    };
    let (text, action) = merge(format, existing.as_deref(), &args.name, &entry).map_err(|e| {
        let snippet = merge(format, None, &args.name, &entry).map(|(t, _)| t).unwrap_or_default();
        anyhow!(
            "{}: {e:#}; left it as it is. Fix it, or add this to it by hand:\n{snippet}",
            target.display()
        )
    })?;
    if action != Action::Unchanged {
        write_atomically(&target, &text)?;
    }

    if json {
        let doc = json!({
            "client": client_name(client), "file": target, "name": args.name,
            "action": action.as_str(), "command": entry.command, "args": entry.args,
        });
        writeln!(stdout, "{}", serde_json::to_string_pretty(&doc)?)?;
    } else {
        let what = match action {
            Action::Created => format!("created {} with", target.display()),
            Action::Added => format!("added to {}:", target.display()),
            Action::Updated => format!("updated in {}:", target.display()),
            Action::Unchanged => format!("{} already has", target.display()),
        };
        writeln!(
            stdout,
            "{}: {what} {} = {} mcp {}",
            client.label(),
            args.name,
            entry.command,
            root.display()
        )?;
        if action != Action::Unchanged {
            writeln!(stdout, "next: {}", client.next_step())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn client_name(client: Client) -> String {
    use clap::ValueEnum;
    client.to_possible_value().map(|v| v.get_name().to_owned()).unwrap_or_default()
}

/// The file's new text and what changed, from its old text (`None`: no file).
fn merge(format: Format, old: Option<&str>, name: &str, entry: &Entry) -> Result<(String, Action)> {
    match format {
        Format::Json { key, typed, jsonc } => merge_json(old, key, typed, jsonc, name, entry),
        Format::Toml => merge_toml(old, name, entry),
    }
}

fn merge_json(
    old: Option<&str>,
    key: &str,
    typed: bool,
    jsonc: bool,
    name: &str,
    entry: &Entry,
) -> Result<(String, Action)> {
    use jsonc_parser::cst::{CstInputValue, CstRootNode};
    let mut fields: Vec<(&str, serde_json::Value)> = Vec::new();
    if typed {
        fields.push(("type", json!("stdio")));
    }
    fields.push(("command", json!(entry.command)));
    fields.push(("args", json!(entry.args)));
    let input = |v: &serde_json::Value| match v {
        serde_json::Value::Array(items) => CstInputValue::Array(
            items
                .iter()
                .map(|i| CstInputValue::String(i.as_str().unwrap_or_default().into()))
                .collect(),
        ),
        other => CstInputValue::String(other.as_str().unwrap_or_default().into()),
    };
    let object =
        || CstInputValue::Object(fields.iter().map(|(k, v)| ((*k).to_owned(), input(v))).collect());

    let Some(old) = old.filter(|t| !t.trim().is_empty()) else {
        let servers = serde_json::Map::from_iter([(
            name.to_owned(),
            serde_json::Value::Object(
                fields.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect(),
            ),
        )]);
        let doc = json!({ key: servers });
        return Ok((format!("{}\n", serde_json::to_string_pretty(&doc)?), Action::Created));
    };
    let options = jsonc_parser::ParseOptions {
        allow_comments: jsonc,
        allow_trailing_commas: jsonc,
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let root = CstRootNode::parse(old, &options).map_err(|e| {
        let kind = if jsonc { "JSON (with comments)" } else { "JSON" };
        anyhow!(
            "not valid {kind}: line {}, column {}: {}",
            e.line_display(),
            e.column_display(),
            e.kind()
        )
    })?;
    let top = match root.value() {
        None => root.object_value_or_set(),
        Some(value) => {
            value.as_object().ok_or_else(|| anyhow!("its top level is not a JSON object"))?
        }
    };
    let servers = top
        .object_value_or_create(key)
        .ok_or_else(|| anyhow!("its \"{key}\" is not a JSON object"))?;
    let action = match servers.get(name) {
        None => {
            servers.append(name, object());
            Action::Added
        }
        Some(prop) => match prop.value().and_then(|v| v.as_object()) {
            None => {
                prop.set_value(object());
                Action::Updated
            }
            Some(server) => {
                let mut changed = false;
                for (k, v) in &fields {
                    match server.get(k) {
                        Some(p)
                            if p.value().and_then(|n| n.to_serde_value()).as_ref() == Some(v) => {}
                        Some(p) => {
                            p.set_value(input(v));
                            changed = true;
                        }
                        None => {
                            server.append(k, input(v));
                            changed = true;
                        }
                    }
                }
                if changed {
                    Action::Updated
                } else {
                    Action::Unchanged
                }
            }
        },
    };
    let mut text = root.to_string();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok((text, action))
}

fn merge_toml(old: Option<&str>, name: &str, entry: &Entry) -> Result<(String, Action)> {
    use toml_edit::{value, Array, DocumentMut, Item, Table};
    let created = old.is_none_or(|t| t.trim().is_empty());
    let mut doc: DocumentMut = old.unwrap_or("").parse().map_err(|e: toml_edit::TomlError| {
        anyhow!("not valid TOML: {}", e.to_string().trim_end())
    })?;
    let args = || value(Array::from_iter(entry.args.iter().map(String::as_str)));

    let inline = doc.get("mcp_servers").is_some_and(Item::is_inline_table);
    let servers = doc.entry("mcp_servers").or_insert_with(|| {
        let mut t = Table::new();
        t.set_implicit(true); // no empty [mcp_servers] header
        Item::Table(t)
    });
    let servers =
        servers.as_table_like_mut().ok_or_else(|| anyhow!("its mcp_servers is not a table"))?;
    let action = match servers.get_mut(name).and_then(Item::as_table_like_mut) {
        Some(server) => {
            let mut changed = false;
            if server.get("command").and_then(Item::as_str) != Some(entry.command.as_str()) {
                server.insert("command", value(entry.command.as_str()));
                changed = true;
            }
            let same_args = server.get("args").and_then(Item::as_array).is_some_and(|a| {
                a.iter().map(|v| v.as_str()).eq(entry.args.iter().map(|s| Some(s.as_str())))
            });
            if !same_args {
                server.insert("args", args());
                changed = true;
            }
            if changed {
                Action::Updated
            } else {
                Action::Unchanged
            }
        }
        None => {
            // Absent, or present but not a table (then replaced).
            let replaced = servers.get(name).is_some();
            let mut table = Table::new();
            table.insert("command", value(entry.command.as_str()));
            table.insert("args", args());
            let item = if inline {
                Item::Value(toml_edit::Value::InlineTable(table.into_inline_table()))
            } else {
                Item::Table(table)
            };
            servers.insert(name, item);
            if replaced {
                Action::Updated
            } else {
                Action::Added
            }
        }
    };
    let action = if created && action == Action::Added { Action::Created } else { action };
    Ok((doc.to_string(), action))
}

/// Replaces `path` with `text` in one rename (a crash leaves the old file or the new
/// one, never half of it), keeping the old file's permissions (new files: 0644).
fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("writing in {}", dir.display()))?;
    tmp.write_all(text.as_bytes()).with_context(|| format!("writing {}", tmp.path().display()))?;
    let permissions = match std::fs::metadata(path) {
        Ok(meta) => meta.permissions(),
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::Permissions::from_mode(0o644)
            }
            #[cfg(not(unix))]
            {
                tmp.as_file().metadata()?.permissions()
            }
        }
    };
    tmp.as_file().set_permissions(permissions)?;
    tmp.persist(path).with_context(|| format!("replacing {}", path.display()))?;
    Ok(())
}
