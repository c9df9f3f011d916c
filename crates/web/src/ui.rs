//! `/ui`: the graph browser, a static page built into the binary. Our HTML, JS and
//! CSS live in `crates/web/ui/`; cytoscape.js (the graph drawing) is fetched and
//! checked by `build.rs` and embedded from `OUT_DIR`.
//!
//! The page's files are public (they hold no data, like `/openapi.json`); everything
//! it shows comes from the API (`/v1`, `/rpc`, `/ws`) under the usual guard. With
//! `--auth` the page asks for a token once, keeps it in `sessionStorage`, sends it as
//! `Authorization: Bearer` on fetches and, since browsers cannot set headers on a
//! WebSocket, as the subprotocol [`WS_BEARER_PREFIX`]`<token>` beside
//! [`WS_PROTOCOL`] on `/ws` (see [`bearer_from_protocols`]).

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// The subprotocol the server selects on `/ws` when a client offers it.
pub const WS_PROTOCOL: &str = "codehub";
/// A `/ws` subprotocol `codehub.bearer.<JWT>` carries a bearer token (JWTs are
/// base64url and dots, valid in a `Sec-WebSocket-Protocol` token).
pub const WS_BEARER_PREFIX: &str = "codehub.bearer.";

const INDEX_HTML: &str = include_str!("../ui/index.html");
const APP_JS: &str = include_str!("../ui/app.js");
const APP_CSS: &str = include_str!("../ui/app.css");
const CYTOSCAPE_JS: &str = include_str!(concat!(env!("OUT_DIR"), "/cytoscape.min.js"));

/// What the page may load and connect to: only this server.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                   img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";

/// True for the page's own paths, which the guard serves without a token.
pub(crate) fn is_public(path: &str) -> bool {
    path == "/ui" || path.starts_with("/ui/")
}

/// The `Authorization` value a `/ws` upgrade carries in its subprotocols
/// (`Sec-WebSocket-Protocol: codehub, codehub.bearer.<token>`), as `Bearer <token>`;
/// `None` on other paths or without such a subprotocol.
pub(crate) fn bearer_from_protocols(path: &str, headers: &HeaderMap) -> Option<String> {
    if path != "/ws" {
        return None;
    }
    headers
        .get_all(header::SEC_WEBSOCKET_PROTOCOL)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .find_map(|p| p.trim().strip_prefix(WS_BEARER_PREFIX).map(|t| format!("Bearer {t}")))
}

/// `GET /ui` and `GET /ui/{file}`.
pub(crate) async fn page(uri: axum::http::Uri) -> Response {
    let file = uri.path().strip_prefix("/ui").unwrap_or("").trim_start_matches('/');
    let (body, content_type, cache) = match file {
        "" | "index.html" => (INDEX_HTML, "text/html; charset=utf-8", "no-cache"),
        "app.js" => (APP_JS, "text/javascript; charset=utf-8", "no-cache"),
        "app.css" => (APP_CSS, "text/css; charset=utf-8", "no-cache"),
        "cytoscape.min.js" => {
            (CYTOSCAPE_JS, "text/javascript; charset=utf-8", "public, max-age=86400")
        }
        _ => {
            let error = server::errors::not_found(format!("no file {} in the UI", uri.path()));
            return crate::routes::rest_error(error);
        }
    };
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
        (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        (header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")),
    ];
    (StatusCode::OK, headers, body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bearer_subprotocol_on_ws_becomes_an_authorization_value() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::SEC_WEBSOCKET_PROTOCOL,
            HeaderValue::from_static("codehub, codehub.bearer.aaa.bbb.ccc"),
        );
        assert_eq!(bearer_from_protocols("/ws", &headers).as_deref(), Some("Bearer aaa.bbb.ccc"));
        assert_eq!(bearer_from_protocols("/rpc", &headers), None);
        headers.insert(header::SEC_WEBSOCKET_PROTOCOL, HeaderValue::from_static("codehub"));
        assert_eq!(bearer_from_protocols("/ws", &headers), None);
    }
}
