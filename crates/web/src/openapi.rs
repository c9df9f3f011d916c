//! The OpenAPI 3.0.3 document served at `/openapi.json`, generated from the types
//! that answer: the component schemas are derived (schemars) from the `protocol`
//! params and result types of the method table ([`protocol::methods`]), a REST
//! route's query parameters are the fields of its method's params type, and
//! `POST /rpc`'s request body is one schema per method (its name and params). What
//! is written by hand here is only what the types cannot know: each route's path,
//! summary and statuses. A test checks the document's paths against the routes the
//! router registers ([`crate::routes::routes`]); the schemathesis test checks the
//! server against the document.

use protocol::methods::{self, Method};
use schemars::generate::{SchemaGenerator, SchemaSettings};
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

/// The document, built once per process.
pub(crate) fn document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(build)
}

/// The document as served: compact JSON bytes.
pub(crate) fn bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| serde_json::to_vec(document()).unwrap_or_default())
}

/// Two generators share one definitions table: results as they are serialized
/// (fields skipped when empty are optional), params as they are read (fields with
/// defaults are optional).
struct Schemas {
    results: SchemaGenerator,
    params: SchemaGenerator,
}

impl Schemas {
    fn new() -> Schemas {
        Schemas {
            results: SchemaSettings::openapi3().for_serialize().into_generator(),
            params: SchemaSettings::openapi3().for_deserialize().into_generator(),
        }
    }

    /// A `$ref` to `T`'s schema, as a response body.
    fn result<T: schemars::JsonSchema>(&mut self) -> Value {
        self.results.subschema_for::<T>().to_value()
    }

    /// `T`'s schema as a request body or a params object.
    fn params<T: schemars::JsonSchema>(&mut self) -> Value {
        self.params.subschema_for::<T>().to_value()
    }

    /// The inline schema of the params type `T` (for its properties).
    fn params_inline<T: schemars::JsonSchema>() -> Value {
        let generator = SchemaSettings::openapi3().for_deserialize().into_generator();
        generator.into_root_schema_for::<T>().to_value()
    }

    /// Every definition both generators made, under `components.schemas`. Panics when
    /// the two disagree on a type's schema (a type read and written differently would
    /// need two names).
    fn components(mut self) -> Map<String, Value> {
        let mut all = self.results.take_definitions(true);
        for (name, schema) in self.params.take_definitions(true) {
            match all.get(&name) {
                Some(other) if *other != schema => {
                    panic!("{name} has one schema as a result and another as params")
                }
                _ => {
                    all.insert(name, schema);
                }
            }
        }
        all
    }
}

/// A response that carries a JSON error body (`{"error": {code, message, data}}`).
fn error(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/ErrorBody" } } }
    })
}

/// A refusal of `/rpc`: a JSON-RPC error response.
fn rpc_refusal(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/RpcResponse" } } }
    })
}

fn ok(schema: Value) -> Value {
    json!({ "description": "OK", "content": { "application/json": { "schema": schema } } })
}

const FORBIDDEN: &str = "unauthorized: foreign Origin or Host, or the token lacks the scope";
const UNAUTHORIZED: &str = "unauthorized: missing or invalid bearer token";
const BUSY: &str = "internal: too many connections";

/// The error statuses every REST read may answer.
fn read_errors(responses: &mut Map<String, Value>) {
    for (status, description) in [
        ("400", "invalid_params: a bad parameter"),
        ("401", UNAUTHORIZED),
        ("403", FORBIDDEN),
        ("500", "internal: the server failed"),
        ("503", BUSY),
        ("504", "timeout: no answer within the request deadline"),
    ] {
        responses.insert(status.into(), error(description));
    }
}

/// The statuses of a route that reads one node.
fn node_errors(responses: &mut Map<String, Value>) {
    read_errors(responses);
    responses.insert("404".into(), error("not_found: no such node or route"));
    responses.insert(
        "409".into(),
        error("ambiguous: the name matches several nodes (error.data.candidates lists them)"),
    );
}

/// The query parameters of a REST route: the fields of its method's params type but
/// those the path supplies (`except`), each optional, with its doc and schema.
/// `renamed` gives a field's name in the query when it differs (`query` is `q`).
fn query_parameters(params: &Value, except: &[&str], renamed: &[(&str, &str)]) -> Vec<Value> {
    let required: Vec<&str> = params["required"]
        .as_array()
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(properties) = params["properties"].as_object() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (field, schema) in properties {
        if except.contains(&field.as_str()) {
            continue;
        }
        let mut schema = schema.clone();
        let description = schema
            .as_object_mut()
            .and_then(|s| {
                // A query parameter is absent or has a value: never null.
                s.remove("nullable");
                s.remove("default");
                s.remove("description")
            })
            .unwrap_or(Value::Null);
        let name = renamed.iter().find(|(from, _)| from == field).map_or(field.as_str(), |r| r.1);
        out.push(json!({
            "name": name,
            "in": "query",
            "required": required.contains(&field.as_str()),
            "description": description,
            "schema": schema,
        }));
    }
    out
}

fn id_parameter() -> Value {
    json!({
        "name": "id",
        "in": "path",
        "required": true,
        "description": "A node id (`path::Qualified.name`, `/` raw or as %2F), a qualified name, or a bare name.",
        "schema": { "type": "string", "minLength": 1 }
    })
}

/// One REST read: `GET` answering `M`'s result.
fn rest_read<M: Method>(
    schemas: &mut Schemas,
    summary: &str,
    parameters: Vec<Value>,
    node: bool,
) -> Value {
    let mut responses = Map::new();
    responses.insert("200".into(), ok(schemas.result::<M::Result>()));
    if node {
        node_errors(&mut responses);
    } else {
        read_errors(&mut responses);
    }
    let mut operation = json!({
        "operationId": M::NAME.replace('.', "_"),
        "summary": format!("{}: {summary}", M::NAME),
        "responses": responses,
    });
    if !parameters.is_empty() {
        operation["parameters"] = Value::Array(parameters);
    }
    json!({ "get": operation })
}

/// The request body of `POST /rpc`: one schema per method of the table, each its
/// name and its params type.
struct RpcRequests<'a> {
    schemas: &'a mut Schemas,
    one_of: Vec<Value>,
}

impl methods::Visit for RpcRequests<'_> {
    fn visit<M: Method>(&mut self) {
        let params = self.schemas.params::<M::Params>();
        self.one_of.push(json!({
            "type": "object",
            "title": M::NAME,
            "required": ["jsonrpc", "method"],
            "additionalProperties": false,
            "properties": {
                "jsonrpc": { "type": "string", "enum": [protocol::JSONRPC_VERSION] },
                "id": { "$ref": "#/components/schemas/Id" },
                "method": { "type": "string", "enum": [M::NAME] },
                "params": params,
            }
        }));
    }
}

fn build() -> Value {
    let mut schemas = Schemas::new();
    let mut paths = Map::new();

    // POST /rpc
    let mut requests = RpcRequests { schemas: &mut schemas, one_of: Vec::new() };
    methods::for_each(&mut requests);
    let one_of = requests.one_of;
    let rpc_error = schemas.result::<protocol::RpcError>();
    let id = schemas.params::<protocol::Id>();
    paths.insert(
        "/rpc".into(),
        json!({ "post": {
            "operationId": "rpc",
            "summary": "JSON-RPC 2.0: one request or a batch (an array of 1 to 100), as on the socket. JSON-RPC errors come with status 200; a notification (no id) gets 204.",
            "requestBody": { "required": true, "content": { "application/json": { "schema": {
                "oneOf": [
                    { "$ref": "#/components/schemas/RpcRequest" },
                    { "type": "array", "minItems": 1, "maxItems": 100,
                      "items": { "$ref": "#/components/schemas/RpcRequest" } }
                ]
            } } } },
            "responses": {
                "200": { "description": "A JSON-RPC response, or an array of them for a batch",
                    "content": { "application/json": { "schema": { "oneOf": [
                        { "$ref": "#/components/schemas/RpcResponse" },
                        { "type": "array", "items": { "$ref": "#/components/schemas/RpcResponse" } }
                    ] } } } },
                "204": { "description": "Only notifications were sent" },
                "401": rpc_refusal("unauthorized: missing or invalid bearer token (a JSON-RPC error response with id null)"),
                "403": rpc_refusal("unauthorized: foreign Origin or Host (a JSON-RPC error response with id null), or the token lacks the scope (with the request's id)"),
                "408": rpc_refusal("timeout: the request body did not arrive within the body read deadline (10 s by default); the connection is closed (a JSON-RPC error response with id null)"),
                "413": rpc_refusal("too_large: request body over 1 MiB (a JSON-RPC error response with id null)"),
                "503": error(BUSY),
            }
        } }),
    );

    // REST reads
    paths.insert(
        "/v1/nodes/{id}".into(),
        rest_read::<methods::NodesGet>(
            &mut schemas,
            "one node's full state",
            vec![id_parameter()],
            true,
        ),
    );
    let traverse = Schemas::params_inline::<protocol::TraverseParams>();
    for (suffix, about) in [
        ("callers", "who calls the node, breadth-first to a depth (paged)"),
        ("callees", "what the node calls, breadth-first to a depth (paged)"),
    ] {
        let mut parameters = vec![id_parameter()];
        parameters.extend(query_parameters(&traverse, &["node", "sync"], &[]));
        let path = format!("/v1/nodes/{{id}}/{suffix}");
        let item = if suffix == "callers" {
            rest_read::<methods::GraphCallers>(&mut schemas, about, parameters, true)
        } else {
            rest_read::<methods::GraphCallees>(&mut schemas, about, parameters, true)
        };
        paths.insert(path, item);
    }
    let tests = Schemas::params_inline::<protocol::TestsParams>();
    let mut parameters = vec![id_parameter()];
    parameters.extend(query_parameters(&tests, &["node", "sync"], &[]));
    paths.insert(
        "/v1/nodes/{id}/tests".into(),
        rest_read::<methods::GraphTests>(
            &mut schemas,
            "the tests that exercise the node (paged)",
            parameters,
            true,
        ),
    );
    let search = Schemas::params_inline::<protocol::SearchParams>();
    let parameters = query_parameters(&search, &["sync"], &[("query", "q")]);
    paths.insert(
        "/v1/search".into(),
        rest_read::<methods::SearchText>(
            &mut schemas,
            "full-text search (BM25), best first (paged)",
            parameters,
            false,
        ),
    );
    paths.insert(
        "/v1/status".into(),
        rest_read::<methods::Status>(
            &mut schemas,
            "index counts and daemon facts",
            Vec::new(),
            false,
        ),
    );

    // Public and non-JSON routes
    let health = schemas.result::<protocol::HealthResult>();
    paths.insert(
        "/healthz".into(),
        json!({ "get": {
            "operationId": "healthz",
            "summary": "Liveness (the health method); public",
            "security": [{}],
            "responses": {
                "200": ok(health),
                "403": error(FORBIDDEN),
                "500": error("internal: the server failed"),
                "503": error(BUSY),
                "504": error("timeout: no answer within the request deadline"),
            }
        } }),
    );
    paths.insert(
        "/openapi.json".into(),
        json!({ "get": {
            "operationId": "openapi",
            "summary": "This document; public",
            "security": [{}],
            "responses": {
                "200": { "description": "OpenAPI 3.0 document",
                    "content": { "application/json": { "schema": { "type": "object" } } } },
                "403": error(FORBIDDEN),
                "503": error(BUSY),
            }
        } }),
    );
    paths.insert(
        "/ws".into(),
        json!({ "get": {
            "operationId": "websocket",
            "summary": "WebSocket upgrade: JSON-RPC in text frames, plus changes.subscribe (params: path prefix, kinds) after which `changes` notifications arrive ({subscription, clock, changed, removed}). Pings every 15 s; peers silent for 45 s are dropped; a subscriber more than 256 notifications behind is closed with code 4000.",
            "responses": {
                "101": { "description": "Switching protocols" },
                "400": error("invalid_params: a bad parameter"),
                "401": error(UNAUTHORIZED),
                "403": error(FORBIDDEN),
                "426": error("invalid_params: not a WebSocket upgrade request"),
                "503": error(BUSY),
            }
        } }),
    );
    paths.insert(
        "/metrics".into(),
        json!({ "get": {
            "operationId": "metrics",
            "summary": "Prometheus text exposition format (version 0.0.4): files indexed and failed, nodes and edges, the change queue's depth and wait, commit and sync barrier latency histograms, requests by method and status, rescans. Needs the read scope (the status method's) when auth is on.",
            "responses": {
                "200": { "description": "The metrics", "content": {
                    "text/plain; version=0.0.4; charset=utf-8": { "schema": { "type": "string" } } } },
                "401": error(UNAUTHORIZED),
                "403": error(FORBIDDEN),
                "503": error("internal: too many connections, or metrics are off in this process"),
            }
        } }),
    );
    let page_types = json!({
        "text/html; charset=utf-8": { "schema": { "type": "string" } },
        "text/javascript; charset=utf-8": { "schema": { "type": "string" } },
        "text/css; charset=utf-8": { "schema": { "type": "string" } },
    });
    paths.insert(
        "/ui".into(),
        json!({ "get": {
            "operationId": "ui",
            "summary": "The web page (search, a node page, its neighbourhood as a graph, live over /ws); public, as it holds no data: its requests carry the token",
            "security": [{}],
            "responses": {
                "200": { "description": "The page", "content": {
                    "text/html; charset=utf-8": { "schema": { "type": "string" } } } },
                "403": error(FORBIDDEN),
                "503": error(BUSY),
            }
        } }),
    );
    paths.insert(
        "/ui/{file}".into(),
        json!({ "get": {
            "operationId": "ui_file",
            "summary": "A file of the web page: index.html, app.js, app.css, cytoscape.min.js; public",
            "security": [{}],
            "parameters": [{ "name": "file", "in": "path", "required": true, "schema": { "type": "string" } }],
            "responses": {
                "200": { "description": "The file", "content": page_types },
                "403": error(FORBIDDEN),
                "404": error("not_found: no such file in the page"),
                "503": error(BUSY),
            }
        } }),
    );

    let mut components = schemas.components();
    components.insert(
        "ErrorBody".into(),
        json!({ "type": "object", "required": ["error"],
                "properties": { "error": rpc_error } }),
    );
    components.insert("RpcRequest".into(), json!({ "oneOf": one_of }));
    components.insert(
        "RpcResponse".into(),
        json!({
            "type": "object",
            "required": ["jsonrpc", "id"],
            "properties": {
                "jsonrpc": { "type": "string", "enum": [protocol::JSONRPC_VERSION] },
                "id": id,
                "result": {},
                "error": { "$ref": "#/components/schemas/RpcError" },
            }
        }),
    );

    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "codehub",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "A live code graph: the JSON-RPC method set over HTTP (`POST /rpc`), REST reads under `/v1`, and `/ws` (JSON-RPC over WebSocket plus `changes` notifications after `changes.subscribe`). With `--auth`, every route but `/healthz`, `/openapi.json` and the page under `/ui` needs `Authorization: Bearer <token>` (`codehub token issue`); scopes: read (reads), write (adds sync), admin (adds shutdown). Error bodies hold the stable kind in `error.data.kind`. Generated from the types that answer."
        },
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer", "bearerFormat": "JWT" } },
            "schemas": components,
        },
        "security": [{}, { "bearer": [] }],
        "paths": paths,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether the route pattern (axum syntax: `{name}` one segment, `{*name}` the
    /// rest) matches the documented path (OpenAPI syntax: `{name}` one segment).
    fn matches(route: &str, path: &str) -> bool {
        let mut route = route.split('/');
        let mut path = path.split('/');
        loop {
            match (route.next(), path.next()) {
                (None, None) => return true,
                (Some(r), Some(_)) if r.starts_with("{*") => return true,
                (Some(r), Some(p)) if r == p || (r.starts_with('{') && p.starts_with('{')) => {}
                _ => return false,
            }
        }
    }

    #[test]
    fn every_route_is_documented_and_every_documented_path_is_routed() {
        let paths = document()["paths"].as_object().expect("paths");
        let routes: Vec<(&str, &str)> =
            crate::routes::routes().into_iter().map(|(m, r, _)| (m, r)).collect();
        for (method, route) in &routes {
            let documented: Vec<&String> = paths
                .iter()
                .filter(|(path, item)| matches(route, path) && item.get(*method).is_some())
                .map(|(path, _)| path)
                .collect();
            assert!(!documented.is_empty(), "{method} {route} is routed but not documented");
        }
        for (path, item) in paths {
            for method in item.as_object().expect("a path item").keys() {
                assert!(
                    routes.iter().any(|(m, r)| m == method && matches(r, path)),
                    "{method} {path} is documented but not routed"
                );
            }
        }
    }

    #[test]
    fn every_reference_resolves_and_every_method_has_a_request_schema() {
        let document = document();
        let schemas = document["components"]["schemas"].as_object().expect("schemas");
        let text = document.to_string();
        for reference in text.split("\"$ref\":\"").skip(1) {
            let target = reference.split('"').next().unwrap_or_default();
            let name = target
                .strip_prefix("#/components/schemas/")
                .unwrap_or_else(|| panic!("{target} does not point into components.schemas"));
            assert!(schemas.contains_key(name), "{target} is not defined");
        }
        let requests = schemas["RpcRequest"]["oneOf"].as_array().expect("oneOf");
        let names: Vec<&str> =
            requests.iter().filter_map(|r| r["properties"]["method"]["enum"][0].as_str()).collect();
        assert_eq!(names, methods::ALL);
    }

    #[test]
    fn rest_query_parameters_are_the_params_fields() {
        let callers = &document()["paths"]["/v1/nodes/{id}/callers"]["get"]["parameters"];
        let parameters = callers.as_array().expect("parameters");
        let mut names: Vec<&str> = parameters.iter().filter_map(|p| p["name"].as_str()).collect();
        names.sort_unstable();
        assert_eq!(names, ["cursor", "depth", "id", "limit", "possible"]);
        let depth = &parameters.iter().find(|p| p["name"] == "depth").expect("depth")["schema"];
        assert_eq!(depth["minimum"], 1);
        assert_eq!(depth["maximum"], protocol::MAX_DEPTH);
        let search = document()["paths"]["/v1/search"]["get"]["parameters"].as_array();
        let q = search.into_iter().flatten().find(|p| p["name"] == "q").expect("q");
        assert_eq!(q["required"], true);
    }
}
