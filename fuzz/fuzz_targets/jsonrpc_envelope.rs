//! Fuzzes JSON-RPC request parsing and dispatch: any line either parses into a
//! request, which then round-trips through JSON and is dispatched against an empty
//! store, or is refused with an error response; nothing panics.
#![no_main]

use std::sync::OnceLock;

/// One empty store per process (in a temporary directory left to the OS).
fn store() -> &'static std::sync::Mutex<store::Store> {
    static STORE: OnceLock<std::sync::Mutex<store::Store>> = OnceLock::new();
    STORE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("codehub-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary directory");
        std::sync::Mutex::new(store::Store::open(&dir.join("index.db")).expect("empty store"))
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    match server::parse_request(data) {
        Ok(request) => {
            let text = serde_json::to_string(&request).expect("a request serialises");
            let again = server::parse_request(text.as_bytes()).expect("a request re-parses");
            assert_eq!(serde_json::to_value(&again).ok(), serde_json::to_value(&request).ok());
            let store = store().lock().unwrap_or_else(|e| e.into_inner());
            let params = request.params.clone();
            let _ = server::dispatch(&store, None, &request.method, params);
        }
        Err(response) => {
            serde_json::to_string(&response).expect("an error response serialises");
        }
    }
});
