//! Watches: every change to the store is an event with its resourceVersion, kept in a bounded
//! history (to resume a watch from a resourceVersion) and sent live to open watches.

use std::collections::VecDeque;

use serde_json::{json, Value};
use tokio::sync::broadcast;

use crate::resources::ResourceType;
use crate::table::table;

/// How many past events a watch can resume from; older resourceVersions get 410 Gone.
const HISTORY: usize = 5_000;

/// One change: `ADDED`, `MODIFIED` or `DELETED`, to an object of a resource.
#[derive(Clone, Debug)]
pub struct WatchEvent {
    pub resource_version: u64,
    pub kind: &'static str,
    /// `plural.group` of the object's resource.
    pub resource: String,
    pub namespace: String,
    pub object: Value,
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
            None => self.object.clone(),
        };
        json!({"type": self.kind, "object": object}).to_string() + "\n"
    }
}

/// The history of changes and the channel to live watches.
#[derive(Debug)]
pub struct EventLog {
    history: VecDeque<WatchEvent>,
    live: broadcast::Sender<WatchEvent>,
}

impl Default for EventLog {
    fn default() -> Self {
        Self {
            history: VecDeque::new(),
            live: broadcast::channel(4096).0,
        }
    }
}

impl EventLog {
    pub fn record(&mut self, event: WatchEvent) {
        if self.history.len() == HISTORY {
            self.history.pop_front();
        }
        self.history.push_back(event.clone());
        // No receiver is fine: nobody watches.
        let _ = self.live.send(event);
    }

    /// The events after `resource_version` and a receiver for the ones to come, or `None` when
    /// that resourceVersion is older than the history (the watch must relist).
    pub fn resume(
        &self,
        resource_version: u64,
    ) -> Option<(Vec<WatchEvent>, broadcast::Receiver<WatchEvent>)> {
        let oldest = self
            .history
            .front()
            .map(|e| e.resource_version)
            .unwrap_or(u64::MAX);
        if resource_version + 1 < oldest && self.history.len() == HISTORY {
            return None;
        }
        let past = self
            .history
            .iter()
            .filter(|e| e.resource_version > resource_version)
            .cloned()
            .collect();
        Some((past, self.live.subscribe()))
    }
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
            object: json!({}),
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
}
