//! Process metrics: the Prometheus recorder behind the `metrics` facade, rendered at
//! `GET /metrics` (text exposition format 0.0.4) and summarised for `status`.
//!
//! The core crates record through the `metrics` facade only (a no-op until a
//! recorder is installed); this module installs `metrics-exporter-prometheus`'s
//! recorder without its HTTP listener, so the route lives behind our own guard
//! (Host/Origin checks, the read scope with `--auth`).
//!
//! | series | kind | recorded in |
//! |---|---|---|
//! | `codehub_files_indexed_total` | counter | files parsed and extracted (`index::walk::examine`) |
//! | `codehub_files_failed_total` | counter | files not indexed: unreadable, over the size limit, binary, minified |
//! | `codehub_nodes`, `codehub_edges` | gauge | the index's counts, read when `/metrics` is scraped |
//! | `codehub_queue_depth` | gauge | distinct paths waiting in the change queue |
//! | `codehub_queue_wait_seconds` | histogram | from a path's first queued change to a worker taking it |
//! | `codehub_commit_seconds` | histogram | one writer transaction of the daemon |
//! | `codehub_sync_seconds` | histogram | one `sync` barrier, call to return |
//! | `codehub_requests_total{transport,method,status}` | counter | each request answered on the socket (`transport="socket"`) or over HTTP (`"http"`, `method` is the route or JSON-RPC method, `status` the HTTP status) |
//! | `codehub_rescans_total` | counter | full reconciles of the tree |
//! | `codehub_script_runs{script}`, `codehub_script_failures{script}`, `codehub_script_limit_hits{script}`, `codehub_script_seconds{script}` | gauge | each update script's audit trail since the index was created (`store::scripts`), read when `/metrics` is scraped |

use crate::routes::{rest_error_with, Access};
use crate::{with_store, Shared};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Bucket bounds (seconds) of every `_seconds` histogram: 100 µs to 30 s.
const SECONDS_BUCKETS: &[f64] = &[
    0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
    30.0,
];

/// How often histogram samples are folded into their buckets when nobody scrapes.
const UPKEEP_INTERVAL: Duration = Duration::from_secs(10);

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the Prometheus recorder as the process's global `metrics` recorder
/// (once; later calls return the same answer). Returns false when another recorder
/// was installed first: then `/metrics` answers 503 and `status` has no metrics.
pub fn install() -> bool {
    HANDLE.get_or_init(build).is_some()
}

fn build() -> Option<PrometheusHandle> {
    let builder = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Suffix("_seconds".into()), SECONDS_BUCKETS)
        .ok()?;
    let handle = match builder.install_recorder() {
        Ok(handle) => handle,
        Err(e) => {
            tracing::warn!(error = %e, "metrics: a recorder is already installed; /metrics is off");
            return None;
        }
    };
    describe();
    let upkeep = handle.clone();
    let spawned = std::thread::Builder::new().name("codehub-metrics".into()).spawn(move || loop {
        std::thread::sleep(UPKEEP_INTERVAL);
        upkeep.run_upkeep();
    });
    if let Err(e) = spawned {
        tracing::warn!(error = %e, "metrics: no upkeep thread; histograms fold in at scrape time");
    }
    Some(handle)
}

fn describe() {
    use metrics::{describe_counter, describe_gauge, describe_histogram, Unit};
    describe_counter!("codehub_files_indexed_total", "Files parsed and extracted.");
    describe_counter!(
        "codehub_files_failed_total",
        "Files not indexed: unreadable, over the size limit, binary or minified."
    );
    describe_gauge!("codehub_nodes", "Nodes in the index.");
    describe_gauge!("codehub_edges", "Edges in the index (all but contains).");
    describe_gauge!("codehub_queue_depth", "Distinct paths waiting in the change queue.");
    describe_gauge!("codehub_script_runs", "Runs of an update script.");
    describe_gauge!("codehub_script_failures", "Failed runs of an update script.");
    describe_gauge!("codehub_script_limit_hits", "Runs of an update script stopped by a limit.");
    describe_gauge!("codehub_script_seconds", Unit::Seconds, "Time spent in an update script.");
    describe_histogram!(
        "codehub_queue_wait_seconds",
        Unit::Seconds,
        "From a path's first queued change to a worker taking it."
    );
    describe_histogram!("codehub_commit_seconds", Unit::Seconds, "One writer transaction.");
    describe_histogram!("codehub_sync_seconds", Unit::Seconds, "One sync barrier.");
    describe_counter!(
        "codehub_requests_total",
        "Requests answered, by transport, method and status."
    );
    describe_counter!("codehub_rescans_total", "Full reconciles of the tree with the index.");
}

/// The installed recorder's handle, if [`install`] succeeded.
fn handle() -> Option<&'static PrometheusHandle> {
    HANDLE.get().and_then(Option::as_ref)
}

/// The exposition text of every series, or `None` when no recorder is installed.
pub fn render() -> Option<String> {
    handle().map(PrometheusHandle::render)
}

/// Every series but histogram buckets, as `name{labels}` → value: what `status`
/// shows (histograms appear as their `_count` and `_sum`, in seconds). Empty when no
/// recorder is installed.
pub fn snapshot() -> BTreeMap<String, f64> {
    render().map(|text| parse(&text)).unwrap_or_default()
}

/// Parses exposition text into series → value, leaving out comments and `_bucket`
/// series.
fn parse(text: &str) -> BTreeMap<String, f64> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (series, value) = line.rsplit_once(' ')?;
            let name = series.split('{').next().unwrap_or(series);
            if name.ends_with("_bucket") {
                return None;
            }
            Some((series.to_owned(), value.parse::<f64>().ok()?))
        })
        .collect()
}

/// The clock at which `codehub_nodes` and `codehub_edges` were last read: scrapes at
/// the same clock do not count again.
static COUNTED_AT: std::sync::Mutex<Option<u64>> = std::sync::Mutex::new(None);

/// `GET /metrics`: the exposition text (read scope with `--auth`); 503 `internal`
/// when another recorder took the process first.
pub(crate) async fn route(
    State(shared): State<Arc<Shared>>,
    axum::Extension(access): axum::Extension<Access>,
) -> Response {
    if let Err(error) = access.permit(protocol::method::STATUS, &serde_json::Value::Null) {
        return rest_error_with(server::errors::FORBIDDEN_STATUS, error);
    }
    let clock = shared.live.wait_for_commit(u64::MAX, Duration::ZERO);
    let stale = COUNTED_AT.lock().map_or(true, |at| *at != Some(clock) || clock == u64::MAX);
    if stale {
        let db_path = shared.db_path.clone();
        let counts = tokio::task::spawn_blocking(move || {
            with_store(&db_path, |s| s.status().map(|st| (st.nodes, st.edges, st.scripts)))
        })
        .await;
        if let Ok(Ok(Ok((nodes, edges, scripts)))) = counts {
            metrics::gauge!("codehub_nodes").set(nodes as f64);
            metrics::gauge!("codehub_edges").set(edges as f64);
            for st in scripts {
                let script = st.script.clone();
                metrics::gauge!("codehub_script_runs", "script" => script.clone())
                    .set(st.runs as f64);
                metrics::gauge!("codehub_script_failures", "script" => script.clone())
                    .set(st.failures as f64);
                metrics::gauge!("codehub_script_limit_hits", "script" => script.clone())
                    .set(st.limit_hits as f64);
                metrics::gauge!("codehub_script_seconds", "script" => script)
                    .set(st.micros as f64 / 1e6);
            }
            if let Ok(mut at) = COUNTED_AT.lock() {
                *at = Some(clock);
            }
        }
    }
    match render() {
        Some(text) => {
            ([(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE))], text).into_response()
        }
        None => rest_error_with(
            server::errors::BUSY_STATUS,
            server::errors::internal(
                "metrics are off: another metrics recorder was installed in this process",
            ),
        ),
    }
}

/// The Prometheus text exposition format's content type.
const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

/// Counts every HTTP request by route and status (an outer layer: refusals of the
/// guard count too). `method` is `GET /v1/search` (the route template), or
/// `GET unmatched` for paths no route has.
pub(crate) async fn track(request: Request, next: Next) -> Response {
    let verb = match *request.method() {
        Method::GET => "GET",
        Method::POST => "POST",
        _ => "other",
    };
    let route = request.extensions().get::<MatchedPath>().map(|m| m.as_str().to_owned());
    let response = next.run(request).await;
    let method = format!("{verb} {}", route.as_deref().unwrap_or("unmatched"));
    metrics::counter!(
        "codehub_requests_total",
        "transport" => "http",
        "method" => method,
        "status" => response.status().as_str().to_owned()
    )
    .increment(1);
    response
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn status_keeps_series_values_and_drops_buckets_and_comments() {
        let text = "# HELP codehub_rescans_total x\n# TYPE codehub_rescans_total counter\ncodehub_rescans_total 3\ncodehub_sync_seconds_bucket{le=\"0.1\"} 2\ncodehub_sync_seconds_sum 0.05\ncodehub_sync_seconds_count 2\ncodehub_requests_total{transport=\"http\",method=\"status\",status=\"200\"} 7\n";
        let map = parse(text);
        assert_eq!(map.get("codehub_rescans_total"), Some(&3.0));
        assert_eq!(map.get("codehub_sync_seconds_count"), Some(&2.0));
        assert_eq!(
            map.get("codehub_requests_total{transport=\"http\",method=\"status\",status=\"200\"}"),
            Some(&7.0)
        );
        assert!(!map.keys().any(|k| k.contains("_bucket")));
    }
}
