//! Watches: every change to the store is an event with its resourceVersion, kept in a bounded
//! history (to resume a watch from a resourceVersion) and sent live to open watches.

use std::collections::VecDeque;
use std::sync::Arc;

use serde_json::{json, Value};
use tokio::sync::broadcast;

use crate::kube::resources::ResourceType;
use crate::store::table::table;

/// How many past events a watch can resume from; older resourceVersions get 410 Gone.
const HISTORY: usize = 5_000;
/// How many bytes (as JSON) the past events may take in all: an object can take megabytes, so
/// the number of events alone does not bound the memory they hold.
const HISTORY_BYTES: usize = 64 * 1024 * 1024;

/// One change: `ADDED`, `MODIFIED` or `DELETED`, to an object of a resource.
#[derive(Clone, Debug)]
pub struct WatchEvent {
    pub resource_version: u64,
    pub kind: &'static str,
    /// `plural.group` of the object's resource.
    pub resource: String,
    pub namespace: String,
    /// Shared by the history and every watch that sends it.
    pub object: Arc<Value>,
}

impl WatchEvent {
    /// The event as one line of a watch stream; as a one-row Table for `kubectl get -w`.
    pub fn line(&self, as_table_of: Option<&ResourceType>) -> String {
        let object = match as_table_of {
            Some(resource) => table(
                resource,
                &[&self.object],
                &self.resource_version.to_string(),
                true,
            ),
            None => Value::clone(&self.object),
        };
        json!({"type": self.kind, "object": object}).to_string() + "\n"
    }
}

/// The history of changes and the channel to live watches.
#[derive(Debug)]
pub struct EventLog {
    /// Past events, oldest first, each with its size in bytes.
    history: VecDeque<(WatchEvent, usize)>,
    history_bytes: usize,
    /// `HISTORY_BYTES`, but for tests.
    max_history_bytes: usize,
    /// The resourceVersion of the newest event no longer kept (0 while none was dropped): a
    /// watch from before it would miss events.
    forgotten_through: u64,
    live: broadcast::Sender<WatchEvent>,
}

impl Default for EventLog {
    fn default() -> Self {
        Self {
            history: VecDeque::new(),
            history_bytes: 0,
            max_history_bytes: HISTORY_BYTES,
            forgotten_through: 0,
            live: broadcast::channel(4096).0,
        }
    }
}

impl EventLog {
    pub fn record(&mut self, event: WatchEvent) {
        let size = json_size(&event.object);
        self.history.push_back((event.clone(), size));
        self.history_bytes += size;
        while self.history.len() > HISTORY
            || (self.history_bytes > self.max_history_bytes && self.history.len() > 1)
        {
            let Some((forgotten, size)) = self.history.pop_front() else {
                break;
            };
            self.history_bytes -= size;
            self.forgotten_through = forgotten.resource_version;
        }
        // No receiver is fine: nobody watches.
        let _ = self.live.send(event);
    }

    /// The events after `resource_version` and a receiver for the ones to come, or `None` when
    /// that resourceVersion is older than the history (the watch must relist).
    pub fn resume(
        &self,
        resource_version: u64,
    ) -> Option<(Vec<WatchEvent>, broadcast::Receiver<WatchEvent>)> {
        if resource_version < self.forgotten_through {
            return None;
        }
        let past = self
            .history
            .iter()
            .map(|(event, _)| event)
            .filter(|e| e.resource_version > resource_version)
            .cloned()
            .collect();
        Some((past, self.live.subscribe()))
    }
}

/// How many bytes a value takes as JSON.
fn json_size(value: &Value) -> usize {
    struct Counter(usize);
    impl std::io::Write for Counter {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut counter = Counter(0);
    // Writing a Value to a counter cannot fail.
    let _ = serde_json::to_writer(&mut counter, value);
    counter.0
}

/// The ERROR event a watch gets when its resourceVersion is too old.
pub fn expired_event(resource_version: u64) -> String {
    json!({"type": "ERROR", "object": {
        "kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
        "message": format!("too old resource version: {resource_version}"), "reason": "Expired", "code": 410
    }})
    .to_string()
        + "\n"
}

/// A BOOKMARK event carrying the latest resourceVersion.
pub fn bookmark_event(api_version: &str, kind: &str, resource_version: u64) -> String {
    json!({"type": "BOOKMARK", "object": {
        "kind": kind, "apiVersion": api_version,
        "metadata": {"resourceVersion": resource_version.to_string(), "annotations": {"k8s.io/initial-events-end": "true"}}
    }})
    .to_string()
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(rv: u64) -> WatchEvent {
        WatchEvent {
            resource_version: rv,
            kind: "ADDED",
            resource: "r".into(),
            namespace: "n".into(),
            object: Arc::new(json!({})),
        }
    }

    #[test]
    fn a_watch_resumes_after_its_resource_version() {
        let mut log = EventLog::default();
        for rv in 1..=5 {
            log.record(event(rv));
        }
        let (past, _) = log.resume(3).unwrap();
        assert_eq!(
            past.iter().map(|e| e.resource_version).collect::<Vec<_>>(),
            [4, 5]
        );
    }

    #[test]
    fn a_resource_version_older_than_the_history_is_expired() {
        let mut log = EventLog::default();
        for rv in 1..=(HISTORY as u64 + 10) {
            log.record(event(rv));
        }
        assert!(log.resume(2).is_none());
        assert!(log.resume(11).is_some());
        assert!(expired_event(2).contains("\"code\":410"));
    }

    #[test]
    fn big_objects_are_forgotten_by_size_before_count() {
        let mut log = EventLog {
            max_history_bytes: 4096,
            ..EventLog::default()
        };
        let big = Arc::new(json!("x".repeat(1024)));
        for rv in 1..=8 {
            log.record(WatchEvent {
                object: big.clone(),
                ..event(rv)
            });
        }
        assert!(log.history_bytes <= 4096);
        assert!(
            log.resume(2).is_none(),
            "too old: its events were forgotten"
        );
        assert_eq!(log.resume(5).map(|(past, _)| past.len()), Some(3));
    }
}
