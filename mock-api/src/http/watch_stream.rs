//! Serves watches over HTTP: chunked JSON lines, one event each, as kubectl and the app read
//! them.

use std::collections::HashMap;
use std::time::Duration;

use axum::http::StatusCode;
use axum::response::Response;

use crate::kube::resources::ResourceType;
use crate::kube::status::ApiStatus;
use crate::state::{lock, Shared};
use crate::store::selectors;
use crate::store::watch::{self, WatchEvent};

/// A watch: chunked JSON lines, one event each, from a resourceVersion (or the current objects
/// as ADDED), with bookmarks when asked, until `timeoutSeconds` (at most `MAX_WATCH`).
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

/// The longest a watch stays open, whatever `timeoutSeconds` asks (the API server's shortest
/// request timeout for watches), so no client keeps one, and what it holds, forever.
pub const MAX_WATCH: Duration = Duration::from_secs(1800);

/// How often a watch that allows bookmarks gets one.
const BOOKMARK_INTERVAL: Duration = Duration::from_secs(15);

/// The events a watch sends (over HTTP or a WebSocket), as `watch` describes.
pub fn events(
    shared: &Shared,
    resource: &'static ResourceType,
    namespace: Option<String>,
    query: &HashMap<String, String>,
    as_table: Option<&'static ResourceType>,
) -> Result<WatchLines, ApiStatus> {
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
        .map_or(MAX_WATCH, |seconds| {
            Duration::from_secs(seconds).min(MAX_WATCH)
        });
    let qualified = resource.qualified_name();
    let wanted = move |e: &WatchEvent| {
        e.resource == qualified
            && namespace.as_ref().is_none_or(|ns| *ns == e.namespace)
            && labels.matches(&e.object)
            && fields.matches(&e.object)
    };
    let (first, live) = {
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
                    object: std::sync::Arc::new(object.clone()),
                };
                if wanted(&event) {
                    first.push(event.line(as_table));
                }
            }
        }
        first.extend(past.iter().filter(|e| wanted(e)).map(|e| e.line(as_table)));
        let seen = past
            .last()
            .map(|e| e.resource_version)
            .unwrap_or_else(|| from.unwrap_or_else(|| state.store.latest()));
        let live = LiveWatch {
            receiver,
            wanted: Box::new(wanted),
            as_table,
            bookmark_kind: bookmarks.then(|| (resource.api_version(), resource.kind)),
            ticks: tokio::time::interval_at(
                tokio::time::Instant::now() + BOOKMARK_INTERVAL,
                BOOKMARK_INTERVAL,
            ),
            deadline: Box::pin(tokio::time::sleep(timeout)),
            drops: state.watch_drops.subscribe(),
            seen,
            ended: false,
        };
        (first, live)
    };
    let first = tokio_stream::iter(first).map(Ok);
    Ok(Box::pin(first.chain(futures_util::stream::unfold(
        live,
        LiveWatch::next,
    ))))
}

/// A watch past its first lines: the events to come, bookmarks, and how it ends.
struct LiveWatch {
    receiver: tokio::sync::broadcast::Receiver<WatchEvent>,
    wanted: Box<dyn Fn(&WatchEvent) -> bool + Send>,
    as_table: Option<&'static ResourceType>,
    /// The apiVersion and kind of the bookmarks, when the client takes them.
    bookmark_kind: Option<(String, &'static str)>,
    ticks: tokio::time::Interval,
    deadline: std::pin::Pin<Box<tokio::time::Sleep>>,
    drops: tokio::sync::watch::Receiver<u64>,
    /// The resourceVersion of the last change this watch has gone past (sent or not wanted):
    /// what a bookmark may say without the client missing anything.
    seen: u64,
    ended: bool,
}

impl LiveWatch {
    async fn next(mut self) -> Option<(Result<String, std::io::Error>, Self)> {
        loop {
            if self.ended {
                return None;
            }
            tokio::select! {
                biased;
                _ = self.drops.changed() => {
                    self.ended = true;
                    // Dropped: the connection breaks off instead of ending cleanly.
                    let dropped = std::io::Error::new(
                        std::io::ErrorKind::ConnectionAborted,
                        "watch dropped",
                    );
                    return Some((Err(dropped), self));
                }
                () = &mut self.deadline => {
                    // Timed out: a last bookmark lets the client resume from here.
                    self.ended = true;
                    let line = self.bookmark()?;
                    return Some((Ok(line), self));
                }
                event = self.receiver.recv() => match event {
                    Ok(event) => {
                        self.seen = event.resource_version;
                        if (self.wanted)(&event) {
                            let line = event.line(self.as_table);
                            return Some((Ok(line), self));
                        }
                    }
                    // Fallen too far behind (a client that reads slowly): the watch ends, as
                    // the API server ends it, and the client resumes from what it last got.
                    Err(_) => {
                        self.ended = true;
                        let line = self.bookmark()?;
                        return Some((Ok(line), self));
                    }
                },
                _ = self.ticks.tick(), if self.bookmark_kind.is_some() => {
                    if let Some(line) = self.bookmark() {
                        return Some((Ok(line), self));
                    }
                }
            }
        }
    }

    /// A BOOKMARK at the last change gone past, when the client takes them.
    fn bookmark(&self) -> Option<String> {
        let (api_version, kind) = self.bookmark_kind.as_ref()?;
        Some(watch::bookmark_event(api_version, kind, self.seen))
    }
}

fn stream_response(lines: WatchLines) -> Response {
    let body = axum::body::Body::from_stream(lines);
    Response::builder()
        .status(StatusCode::OK)
        .header(axum::http::header::CONTENT_TYPE, "application/json")
        .body(body)
        .unwrap_or_default()
}
