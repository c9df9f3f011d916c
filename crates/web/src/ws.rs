//! `/ws`: JSON-RPC over WebSocket text frames (one request or batch per frame, the
//! same dispatch as `/rpc`) plus `changes.subscribe`, after which the server pushes
//! `changes` notifications. Peers that answer neither pings nor anything else for
//! `ws_idle_timeout` are dropped; a subscriber that falls behind by more than its
//! buffer is told so in the close frame (code 4000, with the last clock delivered,
//! to resume from with `changes.since`).

use crate::push::Subscribers;
use crate::routes::{answer, Access};
use crate::{with_store, Shared};
use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::response::Response;
use protocol::{method, ChangesNotification, ErrorKind, Id, SubscribeParams, SubscribeResult};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::sync::mpsc;
use tokio::time::Instant;

/// Close code for a subscriber that fell behind (private-use range 4000-4999).
pub const CLOSE_LAGGED: u16 = 4000;

/// `GET /ws`: upgrades to a WebSocket (the guard has checked Origin and auth).
pub(crate) async fn upgrade(
    State(shared): State<Arc<Shared>>,
    axum::Extension(access): axum::Extension<Access>,
    upgrade: Result<WebSocketUpgrade, axum::extract::ws::rejection::WebSocketUpgradeRejection>,
) -> Response {
    let upgrade = match upgrade {
        Ok(upgrade) => upgrade,
        Err(rejection) => {
            let error = server::errors::invalid_params(format!(
                "/ws needs a WebSocket upgrade request: {}",
                rejection.body_text()
            ));
            return crate::routes::rest_error_with(rejection.status().as_u16(), error);
        }
    };
    let Ok(slot) = shared.ws_slots.clone().try_acquire_owned() else {
        let error = server::errors::busy(shared.limits.max_connections);
        return crate::routes::rest_error_with(server::errors::BUSY_STATUS, error);
    };
    let limit = shared.limits.max_body_bytes;
    let upgrade = upgrade.protocols([crate::ui::WS_PROTOCOL]);
    upgrade.max_message_size(limit).max_frame_size(limit).on_upgrade(move |socket| async move {
        let _slot = slot;
        session(socket, shared, access).await
    })
}

/// Removes a socket's subscriptions however its task ends.
struct Registered {
    subscribers: Arc<Subscribers>,
    ids: Vec<String>,
}

impl Drop for Registered {
    fn drop(&mut self) {
        for id in &self.ids {
            self.subscribers.remove(id);
        }
    }
}

async fn session(mut socket: WebSocket, shared: Arc<Shared>, access: Access) {
    let limits = shared.limits;
    let (tx, mut rx) = mpsc::channel::<ChangesNotification>(limits.subscriber_buffer.max(1));
    let lagged = Arc::new(AtomicBool::new(false));
    let mut registered = Registered { subscribers: shared.subscribers.clone(), ids: Vec::new() };
    // Each subscription's clock at subscribing: notifications at or before it are
    // already reflected in what the subscriber read.
    let mut since: HashMap<String, u64> = HashMap::new();
    let mut last_delivered = 0u64;
    let mut ping = tokio::time::interval(limits.ws_ping_interval);
    ping.tick().await;
    let mut last_heard = Instant::now();
    let mut shutdown = shared.shutdown.clone();
    loop {
        tokio::select! {
            incoming = socket.recv() => {
                let text = match incoming {
                    None | Some(Err(_)) => break,
                    Some(Ok(Message::Close(_))) => break,
                    Some(Ok(Message::Text(text))) => text,
                    Some(Ok(Message::Binary(_))) => {
                        last_heard = Instant::now();
                        let error = server::errors::invalid_request("send JSON-RPC in text frames");
                        if send_json(&mut socket, &protocol::Response::err(Id::Null, error)).await.is_err() {
                            break;
                        }
                        continue;
                    }
                    Some(Ok(_)) => {
                        // Ping (answered by the library) or pong.
                        last_heard = Instant::now();
                        continue;
                    }
                };
                last_heard = Instant::now();
                let reply = handle_text(&shared, &access, text.as_str(), &tx, &lagged, &mut registered, &mut since).await;
                if let Some(reply) = reply {
                    if socket.send(Message::Text(reply.into())).await.is_err() {
                        break;
                    }
                }
            }
            Some(note) = rx.recv() => {
                if since.get(&note.subscription).is_some_and(|&clock| note.clock <= clock) {
                    continue;
                }
                last_delivered = last_delivered.max(note.clock);
                let message = protocol::Request::notification(
                    method::CHANGES_NOTIFICATION,
                    serde_json::to_value(&note).unwrap_or(Value::Null),
                );
                if send_json(&mut socket, &message).await.is_err() {
                    break;
                }
                if lagged.load(Ordering::SeqCst) {
                    let reason = format!(
                        "subscriber fell behind; resume with changes.since from clock {last_delivered}"
                    );
                    let _ = socket
                        .send(Message::Close(Some(CloseFrame { code: CLOSE_LAGGED, reason: reason.into() })))
                        .await;
                    break;
                }
            }
            _ = ping.tick() => {
                if last_heard.elapsed() > limits.ws_idle_timeout {
                    tracing::debug!("ws: dropping a peer that stopped answering pings");
                    break;
                }
                if socket.send(Message::Ping(Vec::new().into())).await.is_err() {
                    break;
                }
            }
            _ = crate::stopped(&mut shutdown) => {
                let _ = socket
                    .send(Message::Close(Some(CloseFrame { code: 1001, reason: "server stopping".into() })))
                    .await;
                break;
            }
        }
    }
}

/// Answers one text frame: a JSON-RPC request or batch; `changes.subscribe` is
/// handled here, everything else as on `/rpc`.
async fn handle_text(
    shared: &Arc<Shared>,
    access: &Access,
    text: &str,
    tx: &mpsc::Sender<ChangesNotification>,
    lagged: &Arc<AtomicBool>,
    registered: &mut Registered,
    since: &mut HashMap<String, u64>,
) -> Option<String> {
    let value: Value = match server::jsonrpc::read_json(text.as_bytes()) {
        Ok(value) => value,
        Err(response) => return serde_json::to_string(&response).ok(),
    };
    let messages = match value {
        Value::Array(batch) if !batch.is_empty() => batch,
        Value::Array(_) => {
            let error = server::errors::invalid_request("an empty batch");
            return serde_json::to_string(&protocol::Response::err(Id::Null, error)).ok();
        }
        single => {
            let response = one(shared, access, single, tx, lagged, registered, since).await?;
            return serde_json::to_string(&response).ok();
        }
    };
    let mut responses = Vec::new();
    for message in messages {
        if let Some(r) = one(shared, access, message, tx, lagged, registered, since).await {
            responses.push(r);
        }
    }
    (!responses.is_empty()).then(|| serde_json::to_string(&responses).ok()).flatten()
}

async fn one(
    shared: &Arc<Shared>,
    access: &Access,
    message: Value,
    tx: &mpsc::Sender<ChangesNotification>,
    lagged: &Arc<AtomicBool>,
    registered: &mut Registered,
    since: &mut HashMap<String, u64>,
) -> Option<protocol::Response> {
    let is_subscribe =
        message.get("method").and_then(Value::as_str) == Some(method::CHANGES_SUBSCRIBE);
    if !is_subscribe {
        return answer(shared, access, message).await.0;
    }
    let request = match server::jsonrpc::read_request(message) {
        Ok(request) => request,
        Err(response) => return Some(*response),
    };
    let result = subscribe(shared, access, request.params, tx, lagged, registered, since).await;
    request.id.map(|id| match result {
        Ok(value) => protocol::Response::ok(id, value),
        Err(error) => protocol::Response::err(id, error),
    })
}

/// `changes.subscribe`: registers first, then reads the clock, so no commit falls
/// between the two (notifications at or before the clock are skipped).
async fn subscribe(
    shared: &Arc<Shared>,
    access: &Access,
    params: Value,
    tx: &mpsc::Sender<ChangesNotification>,
    lagged: &Arc<AtomicBool>,
    registered: &mut Registered,
    since: &mut HashMap<String, u64>,
) -> Result<Value, protocol::RpcError> {
    access.permit(method::CHANGES_SUBSCRIBE, &params)?;
    let params = if params.is_null() { Value::Object(Default::default()) } else { params };
    let filter: SubscribeParams = serde_json::from_value(params)
        .map_err(|e| server::errors::invalid_params(format!("changes.subscribe: {e}")))?;
    if filter.sync {
        // The barrier, as any method's `"sync": true` (scope already checked).
        crate::routes::call(shared, access, method::SYNC.to_owned(), Value::Null).await?;
    }
    let id = shared.subscribers.add(filter, tx.clone(), lagged.clone());
    registered.ids.push(id.clone());
    let db_path = shared.db_path.clone();
    let clock = tokio::task::spawn_blocking(move || with_store(&db_path, |s| s.clock()))
        .await
        .map_err(|_| server::errors::internal("reading the clock failed"))?
        .map_err(|e| server::errors::internal(e.to_string()))?
        .map_err(|e| server::errors::internal(e.to_string()))?;
    since.insert(id.clone(), clock);
    let result = SubscribeResult { subscription: id, clock, source: protocol::Source::Daemon };
    serde_json::to_value(result)
        .map_err(|e| server::errors::error(ErrorKind::Internal, e.to_string()))
}

async fn send_json(
    socket: &mut WebSocket,
    value: &impl serde::Serialize,
) -> Result<(), axum::Error> {
    let text = serde_json::to_string(value).map_err(axum::Error::new)?;
    socket.send(Message::Text(text.into())).await
}
