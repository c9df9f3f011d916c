//! The one table from error kinds to JSON-RPC codes and HTTP statuses, and
//! constructors for the errors the server and client produce.
//!
//! | kind | code | HTTP | also used for |
//! |---|---|---|---|
//! | `invalid_params` | -32602 | 400 | -32700 parse error, -32600 invalid request, -32601 unknown method |
//! | `internal` | -32603 | 500 | -32006 too many connections (HTTP 503) |
//! | `not_found` | -32001 | 404 | |
//! | `ambiguous` | -32002 | 409 | the candidates are in `data.candidates` |
//! | `too_large` | -32003 | 413 | |
//! | `timeout` | -32004 | 504 | |
//! | `unauthorized` | -32005 | 401 | 403 when the credentials are good but lack a scope ([`FORBIDDEN_STATUS`]) |

use protocol::{ErrorData, ErrorKind, NodeSummary, RpcError};

/// JSON-RPC: the line is not JSON.
pub const PARSE_ERROR: i64 = -32700;
/// JSON-RPC: JSON, but not a request (a batch, a wrong `jsonrpc`, no `method`).
pub const INVALID_REQUEST: i64 = -32600;
/// JSON-RPC: no such method.
pub const METHOD_NOT_FOUND: i64 = -32601;
/// JSON-RPC: the params do not fit the method.
pub const INVALID_PARAMS: i64 = -32602;
/// JSON-RPC: the server failed.
pub const INTERNAL_ERROR: i64 = -32603;
/// codehub: no such node (or other named thing).
pub const NOT_FOUND: i64 = -32001;
/// codehub: a name matches several nodes.
pub const AMBIGUOUS: i64 = -32002;
/// codehub: the request line is over the size limit.
pub const TOO_LARGE: i64 = -32003;
/// codehub: the request ran past its deadline.
pub const TIMEOUT: i64 = -32004;
/// codehub: the peer is another user.
pub const UNAUTHORIZED: i64 = -32005;
/// codehub: the server has as many connections as it allows (kind `internal`).
pub const BUSY: i64 = -32006;

/// The JSON-RPC code of errors of `kind` (the codes in the module table's first rows).
pub fn code(kind: ErrorKind) -> i64 {
    match kind {
        ErrorKind::NotFound => NOT_FOUND,
        ErrorKind::Ambiguous => AMBIGUOUS,
        ErrorKind::InvalidParams => INVALID_PARAMS,
        ErrorKind::TooLarge => TOO_LARGE,
        ErrorKind::Timeout => TIMEOUT,
        ErrorKind::Unauthorized => UNAUTHORIZED,
        ErrorKind::Internal => INTERNAL_ERROR,
    }
}

/// The HTTP status of errors of `kind` (the module table's HTTP column).
pub fn http_status(kind: ErrorKind) -> u16 {
    match kind {
        ErrorKind::InvalidParams => 400,
        ErrorKind::NotFound => 404,
        ErrorKind::Ambiguous => 409,
        ErrorKind::TooLarge => 413,
        ErrorKind::Timeout => 504,
        ErrorKind::Unauthorized => 401,
        ErrorKind::Internal => 500,
    }
}

/// HTTP status of an `unauthorized` error whose credentials are valid but lack the
/// scope the request needs (or name an origin the server does not serve).
pub const FORBIDDEN_STATUS: u16 = 403;

/// HTTP status of the [`BUSY`] error (too many connections).
pub const BUSY_STATUS: u16 = 503;

/// An error of `kind` with its code from [`code`].
pub fn error(kind: ErrorKind, message: impl Into<String>) -> RpcError {
    with_code(code(kind), kind, message)
}

fn with_code(code: i64, kind: ErrorKind, message: impl Into<String>) -> RpcError {
    RpcError { code, message: message.into(), data: ErrorData { kind, candidates: Vec::new() } }
}

/// `invalid_params`.
pub fn invalid_params(message: impl Into<String>) -> RpcError {
    error(ErrorKind::InvalidParams, message)
}

/// `not_found`.
pub fn not_found(message: impl Into<String>) -> RpcError {
    error(ErrorKind::NotFound, message)
}

/// `internal`.
pub fn internal(message: impl Into<String>) -> RpcError {
    error(ErrorKind::Internal, message)
}

/// `ambiguous`, listing the `candidates` in `data.candidates`.
pub fn ambiguous(name: &str, candidates: Vec<NodeSummary>) -> RpcError {
    let mut err = error(
        ErrorKind::Ambiguous,
        format!("{name:?} matches {} nodes; use an id or a qualified name", candidates.len()),
    );
    err.data.candidates = candidates;
    err
}

/// The line is not JSON (-32700, kind `invalid_params`).
pub fn parse_error(detail: impl std::fmt::Display) -> RpcError {
    with_code(PARSE_ERROR, ErrorKind::InvalidParams, format!("parse error: {detail}"))
}

/// JSON that is not a request (-32600, kind `invalid_params`).
pub fn invalid_request(detail: impl std::fmt::Display) -> RpcError {
    with_code(INVALID_REQUEST, ErrorKind::InvalidParams, format!("invalid request: {detail}"))
}

/// No such method (-32601, kind `invalid_params`).
pub fn method_not_found(method: &str) -> RpcError {
    with_code(
        METHOD_NOT_FOUND,
        ErrorKind::InvalidParams,
        format!("no method {method:?}; methods: {}", protocol::method::ALL.join(", ")),
    )
}

/// Too many connections (-32006, kind `internal`): the server answers this one line
/// and closes.
pub fn busy(max_connections: usize) -> RpcError {
    with_code(
        BUSY,
        ErrorKind::Internal,
        format!("server busy: {max_connections} connections are open; retry later"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_code() {
        let mut codes: Vec<i64> = ErrorKind::ALL.iter().map(|k| code(*k)).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), ErrorKind::ALL.len());
    }

    #[test]
    fn every_kind_has_an_error_status() {
        for kind in ErrorKind::ALL {
            assert!((400..600).contains(&http_status(*kind)), "{kind:?}");
        }
    }
}
