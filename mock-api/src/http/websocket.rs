//! Watches over a WebSocket, as the OpenShift console opens them: the same events as a chunked
//! watch, one per message, as text, or base64-encoded under the `base64.binary.k8s.io`
//! subprotocol. Only from the server's own origin, or from clients that send none.

use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use futures_util::StreamExt as _;

use crate::admission::rbac;
use crate::http::response::query_params;
use crate::http::watch_stream::{self, WatchLines};
use crate::kube::paths::{self, ApiPath, CollectionPath};
use crate::kube::status::ApiStatus;
use crate::state::{lock, Shared};

const BASE64_PROTOCOL: &str = "base64.binary.k8s.io";

/// Whether a request asks to upgrade to a WebSocket.
pub fn is_upgrade(parts: &Parts) -> bool {
    parts
        .headers
        .get(axum::http::header::UPGRADE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
}

/// Whether a WebSocket may be opened from where the request came, as the API server's proxy
/// decides: a client that sends no `Origin` (kubectl, a script) may, and so may a page of the
/// same host and port; a page of another site may not, or any site a user visits could watch
/// the cluster with the user's credentials.
pub fn origin_allowed(parts: &Parts) -> bool {
    let Some(origin) = parts.headers.get(axum::http::header::ORIGIN) else {
        return true;
    };
    let host = parts
        .headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| parts.uri.authority().map(|a| a.as_str()));
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|o| o.split_once("://"))
        .and_then(|(_, rest)| rest.split('/').next());
    matches!((origin_host, host), (Some(origin), Some(host)) if origin.eq_ignore_ascii_case(host))
}

/// Answers a WebSocket watch request.
pub async fn watch(shared: Shared, mut parts: Parts) -> Response {
    if !origin_allowed(&parts) {
        return ApiStatus::new(
            403,
            "Forbidden",
            "websocket: request origin not allowed by Upgrader.CheckOrigin",
        )
        .into_response();
    }
    let upgrade = match WebSocketUpgrade::from_request_parts(&mut parts, &()).await {
        Ok(upgrade) => upgrade,
        Err(rejection) => return rejection.into_response(),
    };
    let path = paths::strip_console_prefix(parts.uri.path()).to_owned();
    let query = query_params(&parts.uri);
    let (resource, namespace) = match paths::parse(&path) {
        ApiPath::Collection(CollectionPath {
            resource,
            namespace,
        }) if query.get("watch").is_some_and(|w| w == "true" || w == "1") => (resource, namespace),
        _ => {
            return ApiStatus::bad_request("only watches are served over WebSockets")
                .into_response()
        }
    };
    let api_path = ApiPath::Collection(CollectionPath {
        resource,
        namespace: namespace.clone(),
    });
    if let Some(access) = rbac::access_of(
        &Method::GET,
        &api_path,
        parts.uri.query().unwrap_or_default(),
    ) {
        if lock(&shared).denials.denies(&access) {
            return crate::admission::rbac::forbidden(
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(origin: Option<&str>, host: &str) -> Parts {
        let mut request = axum::http::Request::builder()
            .uri("/apis/kubevirt.io/v1/virtualmachines?watch=true")
            .header("Host", host);
        if let Some(origin) = origin {
            request = request.header("Origin", origin);
        }
        request.body(()).unwrap().into_parts().0
    }

    #[test]
    fn only_the_same_host_and_port_or_no_origin_may_open_a_websocket() {
        assert!(origin_allowed(&parts(None, "127.0.0.1:8080")));
        assert!(origin_allowed(&parts(
            Some("http://127.0.0.1:8080"),
            "127.0.0.1:8080"
        )));
        assert!(origin_allowed(&parts(
            Some("https://Console.Example:443"),
            "console.example:443"
        )));
        assert!(!origin_allowed(&parts(
            Some("http://127.0.0.1:9999"),
            "127.0.0.1:8080"
        )));
        assert!(!origin_allowed(&parts(
            Some("http://evil.example"),
            "127.0.0.1:8080"
        )));
        assert!(!origin_allowed(&parts(Some("null"), "127.0.0.1:8080")));
    }
}
