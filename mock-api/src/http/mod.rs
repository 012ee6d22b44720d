//! The HTTP side: the connection loop with its timeouts, the front door that sends a request to
//! the test controls, a console (`vnc`, `console`), a WebSocket watch, the API or the built
//! app, and the API's route table with its handlers. The only layer that knows requests and responses beyond `Status`.

mod api;
mod console;
pub mod console_bridge;
mod faults;
mod files;
mod reads;
mod request;
mod response;
pub mod server;
mod test_controls;
mod watch_stream;
mod websocket;
mod writes;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;

use crate::cluster::{self, SeedOptions};
use crate::kube::paths;
use crate::kube::status::ApiStatus;
use crate::state::{lock, Shared};

/// Largest request body accepted.
const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;
/// How long a client may take to send a request's body.
const BODY_READ_TIMEOUT: Duration = Duration::from_secs(60);

/// What every request can reach.
#[derive(Clone)]
pub struct AppState {
    pub shared: Shared,
    pub dist: Arc<PathBuf>,
    pub seed: SeedOptions,
    pub schema: Arc<mock_api::schema::KubeVirtSchema>,
    pub test_controls: bool,
    /// The VMs whose `vnc` subresource is bridged to a QEMU VNC socket.
    pub vnc_sockets: Arc<console_bridge::VncSockets>,
}

impl AppState {
    /// Empties the store and the faults and, unless started empty, seeds the demo cluster; a
    /// cluster that cannot be built ends the mock, as at startup.
    pub fn reset(&self) {
        match cluster::fresh_state(&self.seed, &self.schema) {
            Ok(fresh) => *lock(&self.shared) = fresh,
            Err(problem) => {
                eprintln!("{problem}");
                std::process::exit(1);
            }
        }
    }
}

/// The mock's one handler: every request comes in through `front_door`.
pub fn app(state: AppState) -> Router {
    Router::new().fallback(front_door).with_state(state)
}

/// Sends a request to the test controls, a WebSocket watch, the API or the app's files.
async fn front_door(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    if path.starts_with("/mock/") {
        if !state.test_controls {
            // Without the flag there are no test controls: the path is as unknown as any other.
            return response::text_response(StatusCode::NOT_FOUND, "404 page not found");
        }
        let put_back = || state.reset();
        return test_controls::answer(&state.shared, &parts.method, &path, body, put_back).await;
    }
    if parts.method == axum::http::Method::GET {
        if let paths::ApiPath::Console(instance, device) = paths::parse(&path) {
            let sockets = state.vnc_sockets.clone();
            return console::serve(state.shared.clone(), &sockets, parts, instance, device).await;
        }
    }
    if paths::is_api_path(&path) && websocket::is_upgrade(&parts) {
        return websocket::watch(state.shared.clone(), parts).await;
    }
    if paths::is_api_path(&path) {
        let body = match read_body(body).await {
            Ok(body) => body,
            Err(refused) => return refused.status().into_response(),
        };
        let accept = parts
            .headers
            .get(axum::http::header::ACCEPT)
            .and_then(|a| a.to_str().ok())
            .unwrap_or_default();
        let content_type = parts
            .headers
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|a| a.to_str().ok())
            .unwrap_or_default();
        return api::handle(
            state.shared.clone(),
            parts.method.clone(),
            parts.uri.clone(),
            request::Headers {
                accept,
                content_type,
            },
            &body,
        )
        .await;
    }
    let accepted = parts
        .headers
        .get(axum::http::header::ACCEPT_ENCODING)
        .and_then(|a| a.to_str().ok())
        .unwrap_or_default();
    files::serve(&state.dist, &path, accepted).await
}

/// Why a request body was not taken.
#[derive(Debug, thiserror::Error)]
enum BodyRefused {
    #[error("Request entity too large: limit is {MAX_BODY_BYTES}")]
    TooLarge,
    #[error("the request body did not arrive within {} seconds", BODY_READ_TIMEOUT.as_secs())]
    TooSlow,
}

impl BodyRefused {
    fn status(&self) -> ApiStatus {
        match self {
            Self::TooLarge => ApiStatus::new(413, "RequestEntityTooLarge", self.to_string()),
            Self::TooSlow => ApiStatus::new(408, "Timeout", self.to_string()),
        }
    }
}

/// Reads a request body, within `MAX_BODY_BYTES` and `BODY_READ_TIMEOUT`. The rest of an
/// oversized body is read and dropped (up to a point), so the client gets the 413 instead of a
/// broken connection.
async fn read_body(body: Body) -> Result<axum::body::Bytes, BodyRefused> {
    use http_body_util::BodyExt as _;
    const DRAIN_LIMIT: usize = 8 * MAX_BODY_BYTES;
    let mut body = body;
    let mut kept: Vec<u8> = Vec::new();
    let mut seen = 0_usize;
    let read = async {
        while let Some(Ok(frame)) = body.frame().await {
            if let Ok(chunk) = frame.into_data() {
                seen += chunk.len();
                if seen <= MAX_BODY_BYTES {
                    kept.extend_from_slice(&chunk);
                } else if seen > DRAIN_LIMIT {
                    break;
                }
            }
        }
    };
    tokio::time::timeout(BODY_READ_TIMEOUT, read)
        .await
        .map_err(|_| BodyRefused::TooSlow)?;
    if seen > MAX_BODY_BYTES {
        return Err(BodyRefused::TooLarge);
    }
    Ok(kept.into())
}
