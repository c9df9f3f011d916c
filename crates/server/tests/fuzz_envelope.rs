//! The `jsonrpc_envelope` fuzz target's property, run in CI for a bounded time: any
//! bytes either parse into a request, which round-trips through JSON and is
//! dispatched against a small indexed store without a panic, or are refused with an
//! error response that serialises. `fuzz/` runs the same property under libFuzzer.
//!
//! Inputs are mutations of one valid request per method (with their params):
//! byte flips, JSON tokens inserted, slices deleted or duplicated, truncations,
//! deep nesting and repeated keys. Deterministic for a seed.
//! Environment: `CODEHUB_FUZZ_SECONDS` (default 4), `CODEHUB_FUZZ_SEED`.

use std::time::{Duration, Instant};

/// xorshift64* (Vigna 2016): deterministic and dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const SEEDS: &[&str] = &[
    r#"{"jsonrpc":"2.0","id":1,"method":"health"}"#,
    r#"{"jsonrpc":"2.0","id":2,"method":"status"}"#,
    r#"{"jsonrpc":"2.0","id":"s","method":"sync","params":{"timeout_ms":10}}"#,
    r#"{"jsonrpc":"2.0","id":3,"method":"nodes.get","params":{"id":"app.py::main"}}"#,
    r#"{"jsonrpc":"2.0","id":4,"method":"nodes.find","params":{"query":"helper","limit":5}}"#,
    r#"{"jsonrpc":"2.0","id":5,"method":"graph.callers","params":{"node":"helper","depth":3}}"#,
    r#"{"jsonrpc":"2.0","id":6,"method":"graph.callees","params":{"node":"main","depth":2,"limit":10,"cursor":"0"}}"#,
    r#"{"jsonrpc":"2.0","id":7,"method":"graph.neighbors","params":{"node":"app.py::main"}}"#,
    r#"{"jsonrpc":"2.0","id":8,"method":"graph.tests","params":{"node":"helper"}}"#,
    r#"{"jsonrpc":"2.0","id":9,"method":"search.text","params":{"query":"help* main","limit":3}}"#,
    r#"{"jsonrpc":"2.0","id":10,"method":"changes.since","params":{"clock":0}}"#,
    r#"{"jsonrpc":"2.0","id":11,"method":"context.pack","params":{"seeds":["main"],"budget":300}}"#,
    r#"{"jsonrpc":"2.0","id":12,"method":"context.pack","params":{"query":"helper","budget":200,"session":"s1"}}"#,
    r#"{"jsonrpc":"2.0","method":"health"}"#,
];

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "\\",
    "\\u0000",
    "\\ud800",
    "null",
    "true",
    "-1",
    "1e309",
    "18446744073709551616",
    "0.5",
    "\"method\":\"shutdown\",",
    "\"id\":",
    "\"params\":",
    "\"depth\":",
    "\"limit\":",
    "\"budget\":",
    "\"query\":",
    "\"node\":",
    "\u{00ff}",
    "\u{feff}",
    " ",
    "\n",
];

fn mutate(rng: &mut Rng, input: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(6) {
        let len = input.len();
        match rng.below(6) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(len + 1);
                let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
                input.splice(i..i, token.iter().copied());
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let end = (i + 1 + rng.below(16)).min(len);
                input.drain(i..end);
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let end = (i + 1 + rng.below(64)).min(len);
                let slice: Vec<u8> = input[i..end].to_vec();
                let at = rng.below(len + 1);
                input.splice(at..at, slice);
            }
            4 if len > 0 => input.truncate(rng.below(len)),
            _ => {
                let depth = 1 + rng.below(200);
                let at = rng.below(len + 1);
                let mut nested = "[".repeat(depth).into_bytes();
                nested.extend("]".repeat(depth).into_bytes());
                input.splice(at..at, nested);
            }
        }
    }
    input.truncate(64 * 1024);
}

#[test]
fn any_request_bytes_are_answered_or_refused_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("lib.py"), "def helper(x):\n    \"\"\"Helps.\"\"\"\n    return x\n")
        .unwrap();
    std::fs::write(
        root.join("app.py"),
        "from lib import helper\n\n\ndef main():\n    return helper(1)\n",
    )
    .unwrap();
    std::fs::write(
        root.join("test_app.py"),
        "from app import main\n\n\ndef test_main():\n    assert main() == 1\n",
    )
    .unwrap();
    let config = index::Config::new(root).unwrap();
    index::index(&config, &|_| {}).unwrap();
    let store = store::Store::open_read_only(&config.db_path()).unwrap();

    let budget = Duration::from_secs_f64(
        std::env::var("CODEHUB_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(4.0),
    );
    let seed: u64 = std::env::var("CODEHUB_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15);
    let mut rng = Rng(seed | 1);
    let started = Instant::now();
    let (mut runs, mut parsed) = (0usize, 0usize);
    while runs < SEEDS.len() || started.elapsed() < budget {
        let mut input = SEEDS[runs % SEEDS.len()].as_bytes().to_vec();
        if runs >= SEEDS.len() {
            mutate(&mut rng, &mut input);
        }
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| match server::parse_request(
                &input,
            ) {
                Ok(request) => {
                    let text = serde_json::to_string(&request).expect("a request serialises");
                    let again = server::parse_request(text.as_bytes()).expect("it re-parses");
                    assert_eq!(
                        serde_json::to_value(&again).ok(),
                        serde_json::to_value(&request).ok()
                    );
                    let answer = server::dispatch(&store, None, &request.method, request.params);
                    if let Ok(value) = &answer {
                        serde_json::to_string(value).expect("an answer serialises");
                    }
                    true
                }
                Err(response) => {
                    serde_json::to_string(&response).expect("an error response serialises");
                    false
                }
            }));
        match outcome {
            Ok(ok) => parsed += usize::from(ok),
            Err(_) => {
                panic!("input {runs} (seed {seed}) panicked: {:?}", String::from_utf8_lossy(&input))
            }
        }
        runs += 1;
    }
    // The seeds themselves parse: the run exercised dispatch, not only refusals.
    assert!(parsed >= SEEDS.len(), "{parsed} of {runs} inputs parsed");
    eprintln!("{runs} inputs ({parsed} parsed) in {:.1} s", started.elapsed().as_secs_f64());
}
