//! `/ui` in a real browser: headless Chromium (`CODEHUB_TEST_CHROMIUM`, else
//! `chromium` on PATH) driven over the DevTools protocol by a small client below,
//! against a daemon on the sample tree with auth on. The page asks for a token,
//! search finds a node, its callers, test and parent are drawn by cytoscape (element
//! ids checked), the graph's canvas is not blank, and an edit plus `sync` updates the
//! page live over `/ws`. Without Chromium the test says SKIP loudly, and fails when
//! `CI` is set.

mod common;

use common::{write, Fixture, TIMEOUT};
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::{self, Message};

const SECRET: &[u8] = b"browser test key of 32 bytes!!!!";

fn token() -> String {
    let claims = json!({"sub": "browser", "type": "user", "scope": "read", "aud": "codehub", "exp": web::auth::now() + 3600});
    jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(SECRET))
        .unwrap()
}

/// Chromium's path: `CODEHUB_TEST_CHROMIUM`, else the first of `chromium`,
/// `chromium-browser` on PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CODEHUB_TEST_CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// A headless Chromium with one page, killed on drop.
struct Browser {
    child: Child,
    socket: tungstenite::WebSocket<TcpStream>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(path: &PathBuf) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(path)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--hide-scrollbars",
                "--window-size=1400,1100",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", path.display()));
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if !sent {
                    if let Some(url) = line.strip_prefix("DevTools listening on ") {
                        let _ = tx.send(url.trim().to_owned());
                        sent = true;
                    }
                }
            }
        });
        let browser_url =
            rx.recv_timeout(TIMEOUT).expect("Chromium did not print its DevTools URL");
        // ws://127.0.0.1:PORT/devtools/browser/ID: the page Chromium opened is
        // ws://127.0.0.1:PORT/devtools/page/TARGET_ID.
        let authority =
            browser_url.trim_start_matches("ws://").split('/').next().unwrap().to_owned();
        let addr: std::net::SocketAddr = authority.parse().unwrap();
        let stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(TIMEOUT)).unwrap();
        let (socket, _) = tungstenite::client(browser_url.as_str(), stream).unwrap();
        let mut root = Browser { child, socket, next_id: 0, _profile: profile };
        let targets = root.call("Target.getTargets", json!({}));
        let target = targets["targetInfos"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["type"] == "page")
            .and_then(|t| t["targetId"].as_str())
            .expect("a page target")
            .to_owned();
        let page_url = format!("ws://{authority}/devtools/page/{target}");
        let stream = TcpStream::connect(addr).unwrap();
        stream.set_read_timeout(Some(TIMEOUT)).unwrap();
        let (socket, _) = tungstenite::client(page_url.as_str(), stream).unwrap();
        root.socket = socket;
        let mut browser = root;
        browser.call("Page.enable", json!({}));
        browser.call("Runtime.enable", json!({}));
        browser
    }

    /// One DevTools command; its `result` (events in between are skipped).
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let message = json!({ "id": id, "method": method, "params": params }).to_string();
        self.socket.send(Message::text(message)).unwrap();
        loop {
            let Message::Text(text) = self.socket.read().unwrap() else { continue };
            let reply: Value = serde_json::from_str(text.as_str()).unwrap();
            if reply["id"] == id {
                assert!(reply.get("error").is_none(), "{method}: {reply}");
                return reply["result"].clone();
            }
        }
    }

    /// Evaluates `expression` in the page (promises awaited); its value as JSON.
    fn eval(&mut self, expression: &str) -> Value {
        self.try_eval(expression).unwrap_or_else(|exception| panic!("{expression}: {exception}"))
    }

    /// [`Browser::eval`], with a thrown exception as `Err`.
    fn try_eval(&mut self, expression: &str) -> Result<Value, Value> {
        let result = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "awaitPromise": true, "returnByValue": true }),
        );
        match result.get("exceptionDetails") {
            Some(exception) => Err(exception.clone()),
            None => Ok(result["result"]["value"].clone()),
        }
    }

    /// Evaluates `expression` until it is truthy (the page works asynchronously);
    /// panics with `what` after [`TIMEOUT`].
    fn wait_for(&mut self, what: &str, expression: &str) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            // Before the page has loaded, its elements are missing: not yet.
            let value = self.try_eval(expression).unwrap_or(Value::Null);
            let truthy = !matches!(&value, Value::Null | Value::Bool(false))
                && value != json!(0)
                && value != json!("");
            if truthy {
                return value;
            }
            if Instant::now() > deadline {
                let page = self.eval("document.body.innerText.slice(0, 2000)");
                panic!("timed out waiting for {what} ({expression}); the page says: {page}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn navigate(&mut self, url: &str) {
        self.call("Page.navigate", json!({ "url": url }));
    }

    fn screenshot(&mut self) -> Vec<u8> {
        let shot = self.call("Page.captureScreenshot", json!({ "format": "png" }));
        base64_decode(shot["data"].as_str().unwrap())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=').map(value).collect();
    digits
        .chunks(4)
        .flat_map(|chunk| {
            let n =
                chunk.iter().enumerate().fold(0u32, |n, (i, d)| n | (*d as u32) << (18 - 6 * i));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes.into_iter().take(chunk.len() - 1).collect::<Vec<_>>()
        })
        .collect()
}

/// Ids of the elements cytoscape draws.
const GRAPH_IDS: &str = "window.codehub.cy ? window.codehub.cy.nodes().map(n => n.id()) : null";

#[test]
fn the_graph_page_searches_draws_callers_and_follows_edits_live() {
    let Some(path) = chromium() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but no Chromium was found: set CODEHUB_TEST_CHROMIUM or install chromium"
        );
        eprintln!("\n\n*** SKIP: no Chromium (set CODEHUB_TEST_CHROMIUM or `apt-get install chromium`): the /ui browser test did not run ***\n\n");
        return;
    };
    let fx = Fixture::start(Some(web::Keys::from_secret(SECRET)), web::Limits::default());
    let started = Instant::now();
    let mut browser = Browser::launch(&path);
    eprintln!("Chromium up in {:.2} s", started.elapsed().as_secs_f64());
    let blank = browser.screenshot();
    let base = format!("http://{}", fx.addr);

    // With auth on, the page asks for a token before it can search.
    browser.navigate(&format!("{base}/ui#q=helper"));
    browser.wait_for("the token form", "!document.getElementById('token-form').hidden");
    let fill = format!(
        "document.getElementById('token').value = {}; document.getElementById('token-form').requestSubmit(); true",
        json!(token())
    );
    browser.eval(&fill);
    let hits = browser.wait_for(
        "search results",
        "[...document.querySelectorAll('#results li')].map(li => li.dataset.id).join('\\n')",
    );
    assert!(hits.as_str().unwrap().lines().any(|id| id == "pkg/core.py::helper"), "{hits}");
    assert!(browser.eval("document.getElementById('token-form').hidden") == json!(true));

    // A click opens the node: its state, source and neighbourhood.
    browser.eval("document.querySelector('#results li[data-id=\"pkg/core.py::helper\"]').click()");
    browser.wait_for("the node page", "document.body.dataset.node === 'pkg/core.py::helper'");
    let ids = browser.eval(GRAPH_IDS);
    let ids: Vec<&str> = ids.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    for expected in [
        "pkg/core.py::helper",
        "pkg/core.py::Engine.run",
        "app.py::main",
        "tests/test_core.py::test_helper",
        "pkg/core.py",
    ] {
        assert!(ids.contains(&expected), "{expected} not drawn: {ids:?}");
    }
    assert_eq!(
        browser.eval("document.getElementById('node-doc').textContent"),
        "Helps the engine."
    );
    let source = browser.eval("document.getElementById('node-source').textContent");
    assert!(source.as_str().unwrap().starts_with("def helper():"), "{source}");
    // The graph's canvases hold drawn pixels (not a blank box).
    let inked = browser.eval(
        "[...document.querySelectorAll('#graph canvas')].reduce((sum, c) => { \
           const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; \
           let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return sum + n; }, 0)",
    );
    assert!(inked.as_u64().unwrap() > 500, "graph canvas nearly empty: {inked} pixels");

    // Clicking a drawn node opens it.
    browser.eval("window.codehub.cy.getElementById('app.py::main').emit('tap'); true");
    browser.wait_for("the caller's page", "document.body.dataset.node === 'app.py::main'");
    browser.eval("history.back(); true");
    browser.wait_for("back on helper", "document.body.dataset.node === 'pkg/core.py::helper'");

    // An edit, then `sync`: the page follows over /ws without a reload.
    browser.wait_for("the live connection", "document.body.dataset.live === '1'");
    let edited = common::CORE.replace("Helps the engine.", "Helps the engine, live.");
    write(&fx.root, "pkg/core.py", &edited);
    write(
        &fx.root,
        "pkg/more.py",
        "from pkg.core import helper\n\n\ndef again():\n    return helper()\n",
    );
    fx.live.daemon.sync(TIMEOUT).unwrap();
    browser.wait_for(
        "the new docstring",
        "document.getElementById('node-doc').textContent === 'Helps the engine, live.'",
    );
    browser.wait_for(
        "the new caller",
        "window.codehub.cy.getElementById('pkg/more.py::again').length === 1",
    );
    assert!(browser.eval("window.codehub.updates").as_u64().unwrap() >= 1);

    let shot = browser.screenshot();
    assert!(shot.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    assert!(
        shot.len() > blank.len() * 4,
        "the page's screenshot ({} bytes) is barely more than a blank page's ({} bytes)",
        shot.len(),
        blank.len()
    );
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("ui-helper.png");
    std::fs::write(&out, &shot).unwrap();
    eprintln!(
        "screenshot: {} ; browser test took {:.2} s",
        out.display(),
        started.elapsed().as_secs_f64()
    );
}
