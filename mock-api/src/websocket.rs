//! Watches over a WebSocket, as the OpenShift console opens them: the same events as a chunked
//! watch, one per message, as text, or base64-encoded under the `base64.binary.k8s.io`
//! subprotocol.

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use futures_util::StreamExt as _;

use crate::api::{lock, Shared};
use crate::http::query_params;
use crate::paths::{self, ApiPath};
use crate::rbac;
use crate::status::ApiStatus;
use crate::watch_stream::{self, WatchLines};

const BASE64_PROTOCOL: &str = "base64.binary.k8s.io";

/// Whether a request asks to upgrade to a WebSocket.
pub fn is_upgrade(parts: &Parts) -> bool {
    parts
        .headers
        .get(axum::http::header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}

/// Answers a WebSocket watch request.
pub async fn watch(shared: Shared, mut parts: Parts) -> Response {
    let upgrade = match WebSocketUpgrade::from_request_parts(&mut parts, &()).await {
        Ok(upgrade) => upgrade,
        Err(rejection) => return rejection.into_response(),
    };
    let path = paths::strip_console_prefix(parts.uri.path()).to_owned();
    let query = query_params(&parts.uri);
    let (resource, namespace) = match paths::parse(&path) {
        ApiPath::Collection {
            resource,
            namespace,
        } if query.get("watch").is_some_and(|w| w == "true" || w == "1") => (resource, namespace),
        _ => {
            return ApiStatus::bad_request("only watches are served over WebSockets")
                .into_response()
        }
    };
    let api_path = ApiPath::Collection {
        resource,
        namespace: namespace.clone(),
    };
    if let Some(access) = rbac::access_of(
        &Method::GET,
        &api_path,
        parts.uri.query().unwrap_or_default(),
    ) {
        if lock(&shared).denials.denies(&access) {
            return crate::faults::forbidden(
                &Method::GET,
                &api_path,
                parts.uri.query().unwrap_or_default(),
            )
            .into_response();
        }
    }
    let lines = match watch_stream::events(&shared, resource, namespace, &query, None) {
        Ok(lines) => lines,
        Err(status) => return status.into_response(),
    };
    let base64 = parts
        .headers
        .get(axum::http::header::SEC_WEBSOCKET_PROTOCOL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|p| p.trim() == BASE64_PROTOCOL));
    let upgrade = if base64 {
        upgrade.protocols([BASE64_PROTOCOL])
    } else {
        upgrade
    };
    upgrade.on_upgrade(move |socket| pump(socket, lines, base64))
}

/// Sends each event as a message until the watch ends, is dropped, or the client goes.
async fn pump(mut socket: WebSocket, mut lines: WatchLines, base64: bool) {
    while let Some(line) = lines.next().await {
        let Ok(line) = line else {
            // Dropped: the connection ends without a closing handshake.
            return;
        };
        let message = if base64 {
            Message::Text(
                base64::engine::general_purpose::STANDARD
                    .encode(line.as_bytes())
                    .into(),
            )
        } else {
            Message::Text(line.into())
        };
        if socket.send(message).await.is_err() {
            return;
        }
    }
    let _ = socket.send(Message::Close(None)).await;
}
