//! Serves watches over HTTP: chunked JSON lines, one event each, as kubectl and the app read
//! them.

use std::collections::HashMap;
use std::time::Duration;

use axum::http::StatusCode;
use axum::response::Response;

use crate::api::{lock, Shared};
use crate::resources::ResourceType;
use crate::selectors;
use crate::status::ApiStatus;
use crate::watch::{self, WatchEvent};

/// A watch: chunked JSON lines, one event each, from a resourceVersion (or the current objects
/// as ADDED), with bookmarks when asked, until `timeoutSeconds` (30 minutes by default).
pub fn watch(
    shared: &Shared,
    resource: &'static ResourceType,
    namespace: Option<String>,
    query: &HashMap<String, String>,
    as_table: Option<&'static ResourceType>,
) -> Result<Response, ApiStatus> {
    events(shared, resource, namespace, query, as_table).map(stream_response)
}

/// The lines of a watch, one JSON event each; an `Err` when the watch is dropped.
pub type WatchLines =
    std::pin::Pin<Box<dyn futures_util::Stream<Item = Result<String, std::io::Error>> + Send>>;

/// The events a watch sends (over HTTP or a WebSocket), as `watch` describes.
pub fn events(
    shared: &Shared,
    resource: &'static ResourceType,
    namespace: Option<String>,
    query: &HashMap<String, String>,
    as_table: Option<&'static ResourceType>,
) -> Result<WatchLines, ApiStatus> {
    use tokio_stream::wrappers::{BroadcastStream, IntervalStream};
    use tokio_stream::StreamExt as _;

    let (labels, fields) = selectors::from_query(query)?;
    let from = query
        .get("resourceVersion")
        .and_then(|rv| rv.parse::<u64>().ok())
        .filter(|rv| *rv != 0);
    let bookmarks = query
        .get("allowWatchBookmarks")
        .is_some_and(|b| b == "true");
    let timeout = query
        .get("timeoutSeconds")
        .and_then(|t| t.parse::<u64>().ok())
        .unwrap_or(1800);
    let qualified = resource.qualified_name();
    let wanted = move |e: &WatchEvent| {
        e.resource == qualified
            && namespace.as_ref().is_none_or(|ns| *ns == e.namespace)
            && labels.matches(&e.object)
            && fields.matches(&e.object)
    };
    let (first, receiver, mut drops) = {
        let state = lock(shared);
        let resumed = match from {
            Some(rv) => state.store.events.resume(rv),
            None => state.store.events.resume(state.store.latest()),
        };
        let Some((past, receiver)) = resumed else {
            return Ok(Box::pin(tokio_stream::iter([Ok(watch::expired_event(
                from.unwrap_or_default(),
            ))])));
        };
        let mut first: Vec<String> = Vec::new();
        if from.is_none() {
            for object in state.store.list(resource, None) {
                let event = WatchEvent {
                    resource_version: 0,
                    kind: "ADDED",
                    resource: resource.qualified_name(),
                    namespace: object["metadata"]["namespace"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                    object: object.clone(),
                };
                if wanted(&event) {
                    first.push(event.line(as_table));
                }
            }
        }
        first.extend(past.iter().filter(|e| wanted(e)).map(|e| e.line(as_table)));
        (first, receiver, state.watch_drops.subscribe())
    };
    let live = BroadcastStream::new(receiver)
        .filter_map(move |event| event.ok().filter(|e| wanted(e)).map(|e| e.line(as_table)));
    let (api_version, kind, shared) = (resource.api_version(), resource.kind, shared.clone());
    let marks = IntervalStream::new(tokio::time::interval(BOOKMARK_INTERVAL))
        .skip(1)
        .filter(move |_| bookmarks)
        .map(move |_| watch::bookmark_event(&api_version, kind, lock(&shared).store.latest()));
    // Dropped: the connection breaks off instead of ending cleanly.
    let dropped = futures_util::stream::once(async move {
        let _ = drops.changed().await;
        Err(std::io::Error::new(
            std::io::ErrorKind::ConnectionAborted,
            "watch dropped",
        ))
    });
    let events = tokio_stream::iter(first)
        .chain(live.merge(marks))
        .map(Ok)
        .merge(dropped);
    let until_timeout = futures_util::StreamExt::take_until(
        events,
        tokio::time::sleep(Duration::from_secs(timeout)),
    );
    Ok(Box::pin(until_timeout))
}

/// How often a watch that allows bookmarks gets one.
const BOOKMARK_INTERVAL: Duration = Duration::from_secs(15);

fn stream_response(lines: WatchLines) -> Response {
    let body = axum::body::Body::from_stream(lines);
    Response::builder()
        .status(StatusCode::OK)
        .header(axum::http::header::CONTENT_TYPE, "application/json")
        .body(body)
        .unwrap_or_default()
}

/// A signal to every open watch: when its number changes, they all end abruptly, as when a
/// load balancer or the API server drops connections.
#[derive(Debug)]
pub struct WatchDrops(tokio::sync::watch::Sender<u64>);

impl Default for WatchDrops {
    fn default() -> Self {
        Self(tokio::sync::watch::channel(0).0)
    }
}

impl WatchDrops {
    pub fn drop_all(&self) {
        self.0.send_modify(|n| *n += 1);
    }

    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.0.subscribe()
    }
}
