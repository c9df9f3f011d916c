//! `codehub mcp install --client NAME`: each client's file gets the shape its
//! documentation gives, merged into what is there (other servers, settings and
//! comments kept), a second install changes nothing, and a file that cannot be
//! parsed is refused and left as it was.

mod common;

use common::{stderr, stdout};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Setup {
    root: tempfile::TempDir,
    home: tempfile::TempDir,
}

impl Setup {
    fn new() -> Setup {
        Setup { root: tempfile::tempdir().unwrap(), home: tempfile::tempdir().unwrap() }
    }

    fn root(&self) -> PathBuf {
        self.root.path().canonicalize().unwrap()
    }

    /// Runs `codehub ARGS` in the root, with HOME in a temporary directory.
    fn codehub(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_codehub"))
            .args(args)
            .current_dir(self.root.path())
            .env("HOME", self.home.path())
            .env_remove("CODEX_HOME")
            .env_remove("CODEHUB_STATE_DIR")
            .output()
            .unwrap()
    }

    fn install(&self, client: &str) -> Output {
        let out = self.codehub(&["mcp", "install", "--client", client]);
        assert!(out.status.success(), "install {client}: {}", stderr(&out));
        out
    }

    fn read(&self, path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn write(&self, path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

fn exe() -> String {
    Path::new(env!("CARGO_BIN_EXE_codehub")).canonicalize().unwrap().to_str().unwrap().to_owned()
}

fn jsonc(text: &str) -> Value {
    let root = jsonc_parser::cst::CstRootNode::parse(text, &Default::default()).unwrap();
    root.value().and_then(|v| v.to_serde_value()).unwrap()
}

fn toml(text: &str) -> toml_edit::DocumentMut {
    text.parse().unwrap()
}

/// The `[mcp_servers.NAME]` table of a Codex config as (command, args).
fn codex_server(doc: &toml_edit::DocumentMut, name: &str) -> (String, Vec<String>) {
    let server = &doc["mcp_servers"][name];
    let command = server["command"].as_str().unwrap().to_owned();
    let args = server["args"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned());
    (command, args.collect())
}

#[test]
fn each_client_gets_the_file_and_shape_its_documentation_gives() {
    // (client, file, under HOME, table, entries carry "type": "stdio")
    let cases = [
        ("claude-code", ".mcp.json", false, "mcpServers", true),
        ("cursor", ".cursor/mcp.json", false, "mcpServers", false),
        ("vscode", ".vscode/mcp.json", false, "servers", true),
        ("windsurf", ".codeium/windsurf/mcp_config.json", true, "mcpServers", false),
        ("gemini", ".gemini/settings.json", false, "mcpServers", false),
    ];
    for (client, rel, in_home, key, typed) in cases {
        let s = Setup::new();
        let out = s.install(client);
        let file = if in_home { s.home.path().join(rel) } else { s.root().join(rel) };
        let doc: Value = serde_json::from_str(&s.read(&file)).unwrap();
        let mut expected = json!({"command": exe(), "args": ["mcp", s.root()]});
        if typed {
            expected["type"] = json!("stdio");
        }
        assert_eq!(doc, json!({ key: { "codehub": expected } }), "{client}");
        assert!(stdout(&out).contains(file.to_str().unwrap()), "{client}: {}", stdout(&out));
    }

    let s = Setup::new();
    s.install("codex");
    let text = s.read(&s.home.path().join(".codex/config.toml"));
    let root = s.root().to_str().unwrap().to_owned();
    assert_eq!(codex_server(&toml(&text), "codehub"), (exe(), vec!["mcp".to_owned(), root]));
    assert!(text.starts_with("[mcp_servers.codehub]"), "no empty [mcp_servers] table:\n{text}");
}

#[test]
fn codex_home_and_the_root_argument_are_honoured() {
    let s = Setup::new();
    let codex_home = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    let other_root = other.path().canonicalize().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_codehub"))
        .args(["mcp", "install", "--client", "codex", "--name", "other"])
        .arg(&other_root)
        .current_dir(s.root.path())
        .env("HOME", s.home.path())
        .env("CODEX_HOME", codex_home.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let doc = toml(&s.read(&codex_home.path().join("config.toml")));
    let (_, args) = codex_server(&doc, "other");
    assert_eq!(args, ["mcp", other_root.to_str().unwrap()]);
    assert!(!s.home.path().join(".codex").exists());
}

#[test]
fn installing_keeps_other_servers_settings_and_comments() {
    let s = Setup::new();
    let vscode = s.root().join(".vscode/mcp.json");
    let other = r#""github": {
      "type": "http",
      "url": "https://example.invalid/mcp/"
    }"#;
    let before = format!(
        "{{\n  // team servers: keep this comment\n  \"inputs\": [{{\"type\": \"promptString\", \"id\": \"key\"}}],\n  \"servers\": {{\n    {other},\n  }}\n}}\n"
    );
    s.write(&vscode, &before);
    let out = s.install("vscode");
    assert!(stdout(&out).contains("added"), "{}", stdout(&out));
    let after = s.read(&vscode);
    assert!(after.contains("// team servers: keep this comment"), "{after}");
    assert!(after.contains(other), "the other server's text changed:\n{after}");
    let doc = jsonc(&after);
    assert_eq!(doc["inputs"], json!([{"type": "promptString", "id": "key"}]));
    assert_eq!(doc["servers"]["github"]["url"], "https://example.invalid/mcp/");
    assert_eq!(doc["servers"]["codehub"]["args"], json!(["mcp", s.root()]));

    let claude = s.root().join(".mcp.json");
    s.write(&claude, r#"{"mcpServers": {"db": {"command": "db-mcp", "args": ["--ro"]}}, "x": 1}"#);
    s.install("claude-code");
    let doc: Value = serde_json::from_str(&s.read(&claude)).unwrap();
    assert_eq!(doc["mcpServers"]["db"], json!({"command": "db-mcp", "args": ["--ro"]}));
    assert_eq!(doc["x"], 1);
    assert_eq!(doc["mcpServers"]["codehub"]["command"], exe());

    let gemini = s.root().join(".gemini/settings.json");
    s.write(&gemini, "{\n  \"theme\": \"Dracula\"\n}\n");
    s.install("gemini");
    let doc: Value = serde_json::from_str(&s.read(&gemini)).unwrap();
    assert_eq!(doc["theme"], "Dracula");
    assert_eq!(doc["mcpServers"]["codehub"]["command"], exe());

    let codex = s.home.path().join(".codex/config.toml");
    let before = "# my settings\nmodel = \"o3\"\n\n[mcp_servers.docs]\ncommand = \"docs-mcp\" # local\nargs = [\"--port\", \"0\"]\n";
    s.write(&codex, before);
    s.install("codex");
    let after = s.read(&codex);
    assert!(after.starts_with(before), "the existing text changed:\n{after}");
    let doc = toml(&after);
    assert_eq!(doc["model"].as_str(), Some("o3"));
    assert_eq!(codex_server(&doc, "codehub").0, exe());
}

#[test]
fn a_second_install_changes_nothing() {
    for client in ["claude-code", "vscode", "codex", "windsurf"] {
        let s = Setup::new();
        s.install(client);
        let file = match client {
            "claude-code" => s.root().join(".mcp.json"),
            "vscode" => s.root().join(".vscode/mcp.json"),
            "codex" => s.home.path().join(".codex/config.toml"),
            _ => s.home.path().join(".codeium/windsurf/mcp_config.json"),
        };
        let first = s.read(&file);
        let out = s.codehub(&["--json", "mcp", "install", "--client", client]);
        assert!(out.status.success(), "{}", stderr(&out));
        let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert_eq!(report["action"], "unchanged", "{client}");
        assert_eq!(s.read(&file), first, "{client}");
    }
}

#[test]
fn an_entry_for_another_root_is_updated_and_keeps_the_users_keys() {
    let s = Setup::new();
    let file = s.root().join(".cursor/mcp.json");
    s.write(
        &file,
        r#"{"mcpServers": {"codehub": {"command": "codehub", "args": ["mcp", "/elsewhere"], "env": {"CODEHUB_LOG": "info"}}}}"#,
    );
    let out = s.codehub(&["--json", "mcp", "install", "--client", "cursor"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(serde_json::from_str::<Value>(&stdout(&out)).unwrap()["action"], "updated");
    let doc: Value = serde_json::from_str(&s.read(&file)).unwrap();
    assert_eq!(
        doc["mcpServers"]["codehub"],
        json!({"command": exe(), "args": ["mcp", s.root()], "env": {"CODEHUB_LOG": "info"}})
    );

    let codex = s.home.path().join(".codex/config.toml");
    s.write(&codex, "[mcp_servers.codehub]\ncommand = \"codehub\"\nargs = [\"mcp\", \"/elsewhere\"]\nenabled = false\n");
    s.install("codex");
    let doc = toml(&s.read(&codex));
    assert_eq!(
        codex_server(&doc, "codehub"),
        (exe(), vec!["mcp".into(), s.root().to_str().unwrap().into()])
    );
    assert_eq!(doc["mcp_servers"]["codehub"]["enabled"].as_bool(), Some(false));
}

#[test]
fn a_file_that_cannot_be_parsed_is_refused_and_left_as_it_was() {
    let cases = [
        (
            "claude-code",
            ".mcp.json",
            "{\"mcpServers\": {\"db\": {\"command\": \"x\"}\n",
            "not valid JSON",
        ),
        (
            "cursor",
            ".cursor/mcp.json",
            "{\"mcpServers\": [\"codehub\"]}",
            "\"mcpServers\" is not a JSON object",
        ),
        ("vscode", ".vscode/mcp.json", "[1, 2]", "top level is not a JSON object"),
        ("codex", ".codex/config.toml", "[mcp_servers.docs\ncommand = \"x\"\n", "not valid TOML"),
        ("codex", ".codex/config.toml", "mcp_servers = 3\n", "mcp_servers is not a table"),
    ];
    for (client, rel, text, why) in cases {
        let s = Setup::new();
        let file = if client == "codex" { s.home.path().join(rel) } else { s.root().join(rel) };
        s.write(&file, text);
        let out = s.codehub(&["mcp", "install", "--client", client]);
        assert_eq!(out.status.code(), Some(1), "{client} {text:?}: {}", stdout(&out));
        let err = stderr(&out);
        assert!(err.contains(file.to_str().unwrap()), "{client}: names the file: {err}");
        assert!(err.contains(why), "{client}: says why ({why}): {err}");
        assert!(err.contains(&exe()), "{client}: gives the entry to add by hand: {err}");
        assert_eq!(s.read(&file), text, "{client}: the file was changed");
    }
    let s = Setup::new();
    s.write(&s.root().join(".mcp.json"), "{\"mcpServers\": }");
    let err = stderr(&s.codehub(&["mcp", "install", "--client", "claude-code"]));
    assert!(err.contains("line 1, column 16"), "{err}");
}

#[test]
fn print_shows_the_entry_and_writes_nothing() {
    let s = Setup::new();
    let out = s.codehub(&["mcp", "install", "--client", "vscode", "--print"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(doc["servers"]["codehub"]["args"], json!(["mcp", s.root()]));
    assert!(stderr(&out).contains(".vscode/mcp.json"), "says where it goes: {}", stderr(&out));
    assert!(!s.root().join(".vscode").exists());

    let out = s.codehub(&["mcp", "install", "--client", "codex", "--print"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(codex_server(&toml(&stdout(&out)), "codehub").0, exe());
    assert!(!s.home.path().join(".codex").exists());

    let out = s.codehub(&["--json", "mcp", "install", "--client", "claude-code", "--print"]);
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["action"], "printed");
    assert_eq!(report["file"], json!(s.root().join(".mcp.json")));
    assert!(!s.root().join(".mcp.json").exists());
}

#[test]
fn an_unknown_client_is_a_usage_error_listing_the_known_ones() {
    let s = Setup::new();
    let out = s.codehub(&["mcp", "install", "--client", "emacs"]);
    assert_eq!(out.status.code(), Some(2));
    for known in ["claude-code", "cursor", "vscode", "codex", "windsurf", "gemini"] {
        assert!(stderr(&out).contains(known), "{}", stderr(&out));
    }
}
