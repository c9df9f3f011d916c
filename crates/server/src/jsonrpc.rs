//! Reading JSON-RPC 2.0 messages, once for every transport: the socket reads a line
//! with [`parse_request`], HTTP and WebSocket read a body or frame with [`read_json`]
//! (which may hold a batch) and each message of it with [`read_request`]. A refusal
//! is the error [`Response`] to send back, with the request's id when it had one.

use crate::errors;
use protocol::{Id, Request, Response};
use serde_json::Value;

/// Reads bytes as one JSON value, refusing an object that repeats a key at any depth
/// (`{"method":"health","method":"shutdown"}` is an invalid request, not a shutdown).
/// Errors: `-32700` (parse error) for bytes that are not JSON, `-32600` (invalid
/// request) for a repeated key; both with id `null`.
pub fn read_json(bytes: &[u8]) -> Result<Value, Box<Response>> {
    protocol::strict::from_slice(bytes).map_err(|e| {
        let error = match e {
            protocol::strict::StrictError::Syntax(e) => errors::parse_error(e),
            duplicate => errors::invalid_request(duplicate),
        };
        Box::new(Response::err(Id::Null, error))
    })
}

/// Reads one JSON-RPC message (a value [`read_json`] gave, or one element of a batch)
/// as a [`Request`]. Errors (`-32600`): not an object, a bad `id` (answered with id
/// `null`), a malformed envelope or a `jsonrpc` other than `"2.0"` (answered with the
/// request's id).
pub fn read_request(value: Value) -> Result<Request, Box<Response>> {
    let refuse =
        |id: Id, detail: &str| Box::new(Response::err(id, errors::invalid_request(detail)));
    let Value::Object(map) = &value else {
        return Err(refuse(Id::Null, "a request is a JSON object"));
    };
    // Recover the id first so that every later refusal can carry it.
    let id = match map.get("id") {
        None => Id::Null,
        Some(id) => serde_json::from_value::<Id>(id.clone())
            .map_err(|_| refuse(Id::Null, "id must be a number, a string or null"))?,
    };
    let request: Request =
        serde_json::from_value(value).map_err(|e| refuse(id.clone(), &e.to_string()))?;
    if request.jsonrpc != protocol::JSONRPC_VERSION {
        return Err(refuse(id, "jsonrpc must be \"2.0\""));
    }
    Ok(request)
}

/// Reads one request line of the socket (without its newline): [`read_json`] then
/// [`read_request`], refusing a batch (`-32600`: the socket takes one request per
/// line). Never panics (a fuzz target checks this).
pub fn parse_request(line: &[u8]) -> Result<Request, Box<Response>> {
    match read_json(line)? {
        Value::Array(_) => Err(Box::new(Response::err(
            Id::Null,
            errors::invalid_request(
                "batch requests are not supported; send one request object per line",
            ),
        ))),
        value => read_request(value),
    }
}
