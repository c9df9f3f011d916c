//! The HTTP routes: `POST /rpc` (JSON-RPC bodies as on the socket, batches too), the
//! REST reads under `/v1`, `/healthz`, `/openapi.json` and `/ws`; the guard every
//! request passes first (Host and Origin checks, bearer auth); scope checks per
//! method; and running a method on the blocking pool under the request deadline.
//!
//! Error bodies always hold `error.data.kind` (the stable kind): REST routes answer
//! `{"error": {code, message, data}}` with the status of `server::errors::http_status`;
//! `/rpc` answers JSON-RPC responses (status 200, errors inside, as on the socket),
//! except when the whole request is refused before any method runs (401, 403, 413),
//! whose bodies are JSON-RPC error responses with `id: null`.

use crate::auth::{Claims, Scope};
use crate::{with_store, ws, Shared};
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use protocol::{method, ErrorKind, Id, RpcError};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

/// Who is asking, as the guard established it (a request extension).
#[derive(Clone, Debug)]
pub(crate) enum Access {
    /// Auth is off (loopback): every read and `sync` are allowed, `shutdown` is not
    /// (any local user can reach a TCP port; only the socket checks the peer's uid).
    Open,
    /// A checked token.
    Token(Arc<Claims>),
}

impl Access {
    /// Refuses `method` (with `params`) when this caller may not run it: 403, kind
    /// `unauthorized`.
    pub fn permit(&self, method: &str, params: &Value) -> Result<(), RpcError> {
        let needed = if method == method::SHUTDOWN {
            Scope::Admin
        } else if method == method::SYNC
            || params.get("sync").is_some_and(|s| s.as_bool() == Some(true))
        {
            Scope::Write
        } else {
            Scope::Read
        };
        match self {
            Access::Open if needed == Scope::Admin => Err(server::errors::error(
                ErrorKind::Unauthorized,
                "shutdown over HTTP needs auth: serve with --auth and use a token with the admin scope",
            )),
            Access::Open => Ok(()),
            Access::Token(claims) if claims.allows(needed) => Ok(()),
            Access::Token(claims) => Err(server::errors::error(
                ErrorKind::Unauthorized,
                format!("{method} needs the {needed} scope; the token of {:?} lacks it", claims.sub),
            )),
        }
    }
}

/// Every route: its HTTP method (as OpenAPI spells it), its path (axum syntax) and its
/// handler. The router is built from this list, and a test checks `/openapi.json`
/// documents exactly these routes.
pub(crate) fn routes() -> Vec<(&'static str, &'static str, MethodRouter<Arc<Shared>>)> {
    vec![
        ("post", "/rpc", post(rpc)),
        ("get", "/v1/nodes/{*id}", get(nodes)),
        ("get", "/v1/search", get(search)),
        ("get", "/v1/status", get(status)),
        ("get", "/healthz", get(healthz)),
        ("get", "/openapi.json", get(openapi)),
        ("get", "/ws", get(ws::upgrade)),
        ("get", "/metrics", get(crate::metrics::route)),
        ("get", "/ui", get(crate::ui::page)),
        ("get", "/ui/{file}", get(crate::ui::page)),
    ]
}

/// The router with every route, behind the guard.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    routes()
        .into_iter()
        .fold(Router::new(), |router, (_, path, handler)| router.route(path, handler))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(shared.clone(), guard))
        .layer(middleware::from_fn(crate::metrics::track))
        .with_state(shared)
}

/// An error answer of a REST route: the kind's status and `{"error": ...}`.
pub(crate) fn rest_error(error: RpcError) -> Response {
    let status = server::errors::http_status(error.data.kind);
    rest_error_with(status, error)
}

pub(crate) fn rest_error_with(status: u16, error: RpcError) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(json!({ "error": error }))).into_response()
}

/// A refusal of a whole request, shaped for its route (JSON-RPC on `/rpc`).
fn refusal(path: &str, status: u16, error: RpcError) -> Response {
    if path == "/rpc" {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, axum::Json(protocol::Response::err(Id::Null, error))).into_response()
    } else {
        rest_error_with(status, error)
    }
}

fn unauthorized(message: impl Into<String>) -> RpcError {
    server::errors::error(ErrorKind::Unauthorized, message)
}

/// Every request passes here first: a `Host` that is not ours (DNS rebinding) or a
/// foreign `Origin` gets 403; then, with auth on, a missing or invalid bearer token
/// gets 401 (`/healthz` and `/openapi.json` are public).
async fn guard(State(shared): State<Arc<Shared>>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if let Err(message) = check_host_and_origin(&shared, request.headers()) {
        return refusal(&path, server::errors::FORBIDDEN_STATUS, unauthorized(message));
    }
    let access = match &shared.auth {
        None => Access::Open,
        Some(_) if path == "/healthz" || path == "/openapi.json" || crate::ui::is_public(&path) => {
            Access::Open
        }
        Some(keys) => {
            let from_ws = crate::ui::bearer_from_protocols(&path, request.headers());
            let header = request.headers().get(header::AUTHORIZATION).map(HeaderValue::as_bytes);
            let header = header.or(from_ws.as_deref().map(str::as_bytes));
            match keys.check_header(header) {
                Ok(claims) => Access::Token(Arc::new(claims)),
                Err(refusal_reason) => {
                    let mut response = refusal(
                        &path,
                        server::errors::http_status(ErrorKind::Unauthorized),
                        unauthorized(refusal_reason.to_string()),
                    );
                    response.headers_mut().insert(
                        header::WWW_AUTHENTICATE,
                        HeaderValue::from_static("Bearer realm=\"codehub\""),
                    );
                    return response;
                }
            }
        }
    };
    request.extensions_mut().insert(access);
    next.run(request).await
}

/// The host part of `authority` (`host[:port]`, `[v6]:port`), lowercased.
fn host_of(authority: &str) -> String {
    let host = if let Some(rest) = authority.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        authority.rsplit_once(':').map_or(authority, |(h, _)| h)
    };
    host.to_ascii_lowercase()
}

/// Hosts a browser may name for this server: the bound address, and the loopback
/// names when it is bound to loopback (or to every address).
fn our_host(shared: &Shared, host: &str) -> bool {
    let ip = shared.addr.ip();
    if host == ip.to_string() {
        return true;
    }
    let loopback_names = ip.is_loopback() || ip.is_unspecified();
    loopback_names
        && (host == "localhost"
            || host.ends_with(".localhost")
            || host.parse::<std::net::IpAddr>().is_ok_and(|h| h.is_loopback()))
}

fn check_host_and_origin(shared: &Shared, headers: &HeaderMap) -> Result<(), String> {
    if shared.addr.ip().is_loopback() {
        // A page whose DNS name was rebound to 127.0.0.1 makes same-origin requests
        // (no Origin header), but its Host is its own name.
        if let Some(host) = headers.get(header::HOST) {
            let host = host.to_str().map_err(|_| "Host header is not text".to_owned())?;
            // `host[:port]` only: user info (`localhost:1@evil.com`) is not a host.
            if host.contains('@') || !our_host(shared, &host_of(host)) {
                return Err(format!("Host {host:?} is not this server"));
            }
        }
    }
    let Some(origin) = headers.get(header::ORIGIN) else { return Ok(()) };
    let origin = origin.to_str().map_err(|_| "Origin header is not text".to_owned())?;
    match origin_host(origin) {
        Some(host) if our_host(shared, &host) => Ok(()),
        _ => Err(format!(
            "foreign Origin {origin:?}: browsers may only call this server from its own host"
        )),
    }
}

/// The host of an `Origin` (RFC 6454: `scheme://host[:port]`, nothing more), parsed as
/// a URI and lowercased; `None` for anything else: another scheme, user info
/// (`http://localhost:1@evil.com` is evil.com's origin, not localhost's), a path, a
/// query, or `null`.
fn origin_host(origin: &str) -> Option<String> {
    let uri: axum::http::Uri = origin.parse().ok()?;
    let scheme = uri.scheme_str()?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority = uri.authority()?;
    if authority.as_str().contains('@') || uri.query().is_some() {
        return None;
    }
    if !matches!(uri.path(), "" | "/") {
        return None;
    }
    let host = authority.host();
    let host = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
    Some(host.to_ascii_lowercase())
}

/// Runs `method` with `params` for `access` on the blocking pool (the thread's own
/// read-only store), under the request deadline.
pub(crate) async fn call(
    shared: &Arc<Shared>,
    access: &Access,
    method: String,
    params: Value,
) -> Result<Value, RpcError> {
    access.permit(&method, &params)?;
    let task_shared = shared.clone();
    let limit = server::request_deadline(shared.limits.request_timeout, &method, &params);
    let task = tokio::task::spawn_blocking(move || {
        with_store(&task_shared.db_path, |store| {
            // SQLite's progress handler stops a query at the deadline, so the
            // blocking thread is not held after the client got its 504.
            let deadline = std::time::Instant::now() + limit;
            store.set_deadline(Some(deadline));
            let answer = server::dispatch(store, Some(&*task_shared.live), &method, params);
            store.set_deadline(None);
            match answer {
                Err(_) if std::time::Instant::now() >= deadline => Err(server::errors::error(
                    ErrorKind::Timeout,
                    format!("no answer within {limit:?}"),
                )),
                answer => answer,
            }
        })
    });
    match tokio::time::timeout(limit, task).await {
        Err(_) => {
            Err(server::errors::error(ErrorKind::Timeout, format!("no answer within {limit:?}")))
        }
        Ok(Err(join)) if join.is_panic() => {
            tracing::error!("http: a request panicked");
            Err(server::errors::internal("the request failed inside the server (a bug)"))
        }
        Ok(Err(_)) => Err(server::errors::internal("the request was cancelled")),
        Ok(Ok(Err(e))) => Err(server::errors::internal(format!("reading the index: {e}"))),
        Ok(Ok(Ok(answer))) => answer,
    }
}

/// Answers one JSON-RPC message; `None` for a notification. The second value is true
/// when the method was refused for lack of scope.
pub(crate) async fn answer(
    shared: &Arc<Shared>,
    access: &Access,
    message: Value,
) -> (Option<protocol::Response>, bool) {
    let request = match server::jsonrpc::read_request(message) {
        Ok(request) => request,
        Err(response) => return (Some(*response), false),
    };
    let result = call(shared, access, request.method, request.params).await;
    let forbidden = matches!(&result, Err(e) if e.data.kind == ErrorKind::Unauthorized);
    let response = request.id.map(|id| match result {
        Ok(value) => protocol::Response::ok(id, value),
        Err(error) => protocol::Response::err(id, error),
    });
    (response, forbidden)
}

/// HTTP status of a request whose body did not arrive in time (kind `timeout`).
const REQUEST_TIMEOUT_STATUS: u16 = 408;

/// Most requests in one batch.
const MAX_BATCH: usize = 100;

/// `POST /rpc`: one JSON-RPC request, or a batch (an array, answered with an array
/// in the same order, notifications left out).
async fn rpc(
    State(shared): State<Arc<Shared>>,
    axum::Extension(access): axum::Extension<Access>,
    request: Request,
) -> Response {
    let limit = shared.limits.max_body_bytes;
    let too_large = || {
        refusal(
            "/rpc",
            server::errors::http_status(ErrorKind::TooLarge),
            server::errors::error(ErrorKind::TooLarge, format!("request body over {limit} bytes")),
        )
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return too_large();
    }
    // A body that never arrives must not hold the connection.
    let wait = shared.limits.body_read_timeout;
    let body =
        match tokio::time::timeout(wait, axum::body::to_bytes(request.into_body(), limit)).await {
            Err(_) => {
                let error = server::errors::error(
                    ErrorKind::Timeout,
                    format!("the request body did not arrive within {wait:?}"),
                );
                return refusal("/rpc", REQUEST_TIMEOUT_STATUS, error);
            }
            Ok(Err(_)) => return too_large(),
            Ok(Ok(body)) => body,
        };
    let value: Value = match server::jsonrpc::read_json(&body) {
        Ok(value) => value,
        Err(response) => return jsonrpc_reply(*response),
    };
    match value {
        Value::Array(batch) => {
            if batch.is_empty() || batch.len() > MAX_BATCH {
                let error = server::errors::invalid_request(format!(
                    "a batch holds 1 to {MAX_BATCH} requests, not {}",
                    batch.len()
                ));
                return jsonrpc_reply(protocol::Response::err(Id::Null, error));
            }
            let mut responses = Vec::new();
            for message in batch {
                if let (Some(response), _) = answer(&shared, &access, message).await {
                    responses.push(response);
                }
            }
            if responses.is_empty() {
                StatusCode::NO_CONTENT.into_response()
            } else {
                axum::Json(responses).into_response()
            }
        }
        message => match answer(&shared, &access, message).await {
            (None, _) => StatusCode::NO_CONTENT.into_response(),
            (Some(response), true) => (StatusCode::FORBIDDEN, axum::Json(response)).into_response(),
            (Some(response), false) => jsonrpc_reply(response),
        },
    }
}

fn jsonrpc_reply(response: protocol::Response) -> Response {
    axum::Json(response).into_response()
}

/// Runs a REST read: 200 with the result, or the error's status.
async fn rest(shared: &Arc<Shared>, access: &Access, method: &str, params: Value) -> Response {
    match call(shared, access, method.to_owned(), params).await {
        Ok(value) => axum::Json(value).into_response(),
        Err(error) if error.data.kind == ErrorKind::Unauthorized => {
            rest_error_with(server::errors::FORBIDDEN_STATUS, error)
        }
        Err(error) => rest_error(error),
    }
}

/// A REST graph read answered from the [`Cache`] when the same URI was answered at
/// the daemon's current clock (see [`Cache`] for why that is exact).
async fn cached_rest(
    shared: &Arc<Shared>,
    access: &Access,
    uri: &axum::http::Uri,
    method: &str,
    params: Value,
) -> Response {
    if let Err(error) = access.permit(method, &params) {
        return rest_error_with(server::errors::FORBIDDEN_STATUS, error);
    }
    let key = uri.to_string();
    let clock = shared.live.wait_for_commit(u64::MAX, std::time::Duration::ZERO);
    if let Some(body) = shared.cache.get(&key, clock) {
        return json_body(body);
    }
    match call(shared, access, method.to_owned(), params).await {
        Ok(value) => match serde_json::to_vec(&value) {
            Ok(body) => {
                let body = axum::body::Bytes::from(body);
                shared.cache.put(key, clock, body.clone());
                json_body(body)
            }
            Err(e) => rest_error(server::errors::internal(e.to_string())),
        },
        Err(error) => rest_error(error),
    }
}

fn json_body(body: axum::body::Bytes) -> Response {
    ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response()
}

/// Answers of REST graph reads, valid for one daemon clock.
///
/// Exact because the daemon publishes a clock only after its commit is visible to
/// readers: an answer computed after the published clock reached `c` reflects every
/// commit up to `c`, so it may be served until the clock moves (and `sync`, which
/// returns once its clock is published, still reads its writes). Answers carry the
/// store clock they were read at. Bounded: at most [`Cache::MAX_ENTRIES`] answers and
/// [`Cache::MAX_BYTES`] of bodies, all of one clock; a new clock empties it.
#[derive(Default)]
pub(crate) struct Cache {
    /// (clock, URI → body, bytes of the bodies held).
    entries: std::sync::Mutex<(u64, std::collections::HashMap<String, axum::body::Bytes>, usize)>,
}

impl Cache {
    /// Most answers kept.
    const MAX_ENTRIES: usize = 4096;
    /// Longest URI kept (longer ones are answered, not cached).
    const MAX_KEY: usize = 1024;
    /// Most bytes of answer bodies kept (16 MiB); answers past it are not cached.
    const MAX_BYTES: usize = 16 << 20;

    fn get(&self, key: &str, clock: u64) -> Option<axum::body::Bytes> {
        let entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        (entries.0 == clock).then(|| entries.1.get(key).cloned()).flatten()
    }

    fn put(&self, key: String, clock: u64, body: axum::body::Bytes) {
        // u64::MAX: a `Live` without a published clock (it echoes `after`): no caching.
        if clock == u64::MAX || key.len() > Self::MAX_KEY {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        if clock > entries.0 {
            *entries = (clock, Default::default(), 0);
        }
        let size = key.len() + body.len();
        let fits = entries.1.len() < Self::MAX_ENTRIES && entries.2 + size <= Self::MAX_BYTES;
        if clock == entries.0 && fits {
            let key_len = key.len();
            entries.2 += size;
            if let Some(old) = entries.1.insert(key, body) {
                entries.2 -= key_len + old.len();
            }
        }
    }
}

/// Query of the traversal routes.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TraverseQuery {
    depth: Option<u32>,
    limit: Option<u32>,
    cursor: Option<String>,
    /// `possible=true` lists the possible edges (always counted).
    possible: Option<bool>,
}

/// Query of `/v1/nodes/{id}/tests`: a page (tests have no depth).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PageQuery {
    limit: Option<u32>,
    cursor: Option<String>,
    /// `possible=true` lists the possible tests (always counted).
    possible: Option<bool>,
}

/// Query of `/v1/search`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SearchQuery {
    q: String,
    limit: Option<u32>,
    cursor: Option<String>,
}

/// Query of routes without parameters (unknown ones are refused).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NoQuery {}

fn bad_query(rejection: axum::extract::rejection::QueryRejection) -> Response {
    rest_error(server::errors::invalid_params(rejection.body_text()))
}

/// Decodes `%XX` escapes; `None` when the result is not UTF-8 or an escape is broken.
fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `GET /v1/nodes/{id}[/callers|/callees|/tests]`. The id may hold `/` raw or as
/// `%2F`; the suffix is only recognised when its `/` is raw, so an id ending in
/// `%2Fcallers` is still a node id.
async fn nodes(
    State(shared): State<Arc<Shared>>,
    axum::Extension(access): axum::Extension<Access>,
    uri: axum::http::Uri,
    raw_query: axum::extract::RawQuery,
) -> Response {
    let raw = uri.path().strip_prefix("/v1/nodes/").unwrap_or("");
    let (raw_id, route) = [
        ("/callers", Some(method::GRAPH_CALLERS)),
        ("/callees", Some(method::GRAPH_CALLEES)),
        ("/tests", Some(method::GRAPH_TESTS)),
    ]
    .into_iter()
    .find_map(|(suffix, m)| raw.strip_suffix(suffix).map(|id| (id, m)))
    .unwrap_or((raw, None));
    let Some(id) = percent_decode(raw_id) else {
        return rest_error(server::errors::invalid_params(
            "the node id is not percent-encoded UTF-8",
        ));
    };
    let query = raw_query.0.unwrap_or_default();
    match route {
        Some(m) => {
            let mut params = json!({ "node": id });
            let (limit, cursor, possible) = if m == method::GRAPH_TESTS {
                match parse_query::<PageQuery>(&query) {
                    Ok(q) => (q.limit, q.cursor, q.possible),
                    Err(error) => return rest_error(error),
                }
            } else {
                match parse_query::<TraverseQuery>(&query) {
                    Ok(q) => {
                        if let Some(depth) = q.depth {
                            params["depth"] = depth.into();
                        }
                        (q.limit, q.cursor, q.possible)
                    }
                    Err(error) => return rest_error(error),
                }
            };
            if possible == Some(true) {
                params["possible"] = true.into();
            }
            if let Some(limit) = limit {
                params["limit"] = limit.into();
            }
            if let Some(cursor) = cursor {
                params["cursor"] = cursor.into();
            }
            cached_rest(&shared, &access, &uri, m, params).await
        }
        None => {
            if let Err(error) = parse_query::<NoQuery>(&query) {
                return rest_error(error);
            }
            cached_rest(&shared, &access, &uri, method::NODES_GET, json!({ "node": id })).await
        }
    }
}

/// Parses a raw query string into `T`; errors are `invalid_params`.
fn parse_query<T: serde::de::DeserializeOwned>(query: &str) -> Result<T, RpcError> {
    let uri: axum::http::Uri = format!("/?{query}")
        .parse()
        .map_err(|_| server::errors::invalid_params("malformed query string"))?;
    Query::<T>::try_from_uri(&uri)
        .map(|q| q.0)
        .map_err(|rejection| server::errors::invalid_params(rejection.body_text()))
}

/// `GET /v1/search?q=...&limit=&cursor=`.
async fn search(
    State(shared): State<Arc<Shared>>,
    axum::Extension(access): axum::Extension<Access>,
    uri: axum::http::Uri,
    query: Result<Query<SearchQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Query(q) = match query {
        Ok(q) => q,
        Err(rejection) => return bad_query(rejection),
    };
    let mut params = json!({ "query": q.q });
    if let Some(limit) = q.limit {
        params["limit"] = limit.into();
    }
    if let Some(cursor) = q.cursor {
        params["cursor"] = cursor.into();
    }
    cached_rest(&shared, &access, &uri, method::SEARCH_TEXT, params).await
}

/// `GET /v1/status`.
async fn status(
    State(shared): State<Arc<Shared>>,
    axum::Extension(access): axum::Extension<Access>,
    query: Result<Query<NoQuery>, axum::extract::rejection::QueryRejection>,
) -> Response {
    if let Err(rejection) = query {
        return bad_query(rejection);
    }
    rest(&shared, &access, method::STATUS, Value::Null).await
}

/// `GET /healthz`: liveness (the `health` method); public even with auth on.
async fn healthz(State(shared): State<Arc<Shared>>) -> Response {
    rest(&shared, &Access::Open, method::HEALTH, Value::Null).await
}

/// `GET /openapi.json`: the document generated from the types ([`crate::openapi`]).
async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::openapi::bytes()).into_response()
}

async fn not_found(uri: axum::http::Uri) -> Response {
    rest_error(server::errors::not_found(format!("no route {}", uri.path())))
}

async fn method_not_allowed() -> Response {
    let error = server::errors::invalid_params("method not allowed on this route");
    rest_error_with(405, error)
}
