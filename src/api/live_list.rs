//! A list kept up to date by a watch: list once, then apply each event; resume from the last
//! resourceVersion when the server closes the watch, relist when it says the version is gone
//! (410), and back off before every reconnect, whether the watch failed, went silent or was
//! closed cleanly (a server that closes at once must not be asked again in a tight loop). One
//! list and one watch per kind, never a request per object.

use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::client::sleep_ms;
use super::typed::{Api, ListParams};
use super::{ApiClient, ApiError};
use crate::model::{ObjectMeta, Resource};

/// How long the server may keep one watch open before the client reconnects.
const WATCH_SECONDS: &str = "300";

/// An object that can be kept in a live list: any resource the app reads.
pub trait Listed: Resource + DeserializeOwned + Clone + Send + Sync + 'static {}

impl<T: Resource + DeserializeOwned + Clone + Send + Sync + 'static> Listed for T {}

/// One line of a watch stream, understood.
#[derive(Debug, PartialEq)]
pub enum WatchMessage<T> {
    Upsert(T),
    Delete(T),
    /// Nothing changed, but the list is current up to this resourceVersion.
    Bookmark(String),
    /// The resourceVersion is too old: relist.
    Expired,
    /// Something the list need not act on (an unreadable line, another error).
    Ignore,
}

#[derive(Deserialize)]
struct RawEvent {
    #[serde(rename = "type")]
    kind: String,
    object: serde_json::Value,
}

/// Reads one line of a watch stream.
pub fn parse_line<T: Listed>(line: &str) -> WatchMessage<T> {
    let Ok(event) = serde_json::from_str::<RawEvent>(line) else {
        return WatchMessage::Ignore;
    };
    match event.kind.as_str() {
        "BOOKMARK" => event.object["metadata"]["resourceVersion"]
            .as_str()
            .map(|rv| WatchMessage::Bookmark(rv.to_owned()))
            .unwrap_or(WatchMessage::Ignore),
        "ERROR" if event.object["code"] == 410 => WatchMessage::Expired,
        kind @ ("ADDED" | "MODIFIED" | "DELETED") => {
            match serde_json::from_value::<T>(event.object) {
                Ok(object) if kind == "DELETED" => WatchMessage::Delete(object),
                Ok(object) => WatchMessage::Upsert(object),
                Err(_) => WatchMessage::Ignore,
            }
        }
        _ => WatchMessage::Ignore,
    }
}

/// Applies an added, changed or deleted object to the list (matched by namespace and name).
pub fn apply<T: Listed>(items: &mut Vec<T>, message: WatchMessage<T>) {
    let same = |a: &ObjectMeta, b: &ObjectMeta| a.namespace == b.namespace && a.name == b.name;
    match message {
        WatchMessage::Upsert(object) => {
            match items.iter_mut().find(|i| same(i.meta(), object.meta())) {
                Some(existing) => *existing = object,
                None => items.push(object),
            }
        }
        WatchMessage::Delete(object) => items.retain(|i| !same(i.meta(), object.meta())),
        _ => {}
    }
}

/// What a live list lists and watches: a namespace (or all), optionally narrowed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListTarget {
    /// `None`: every namespace (or a cluster-scoped kind).
    pub namespace: Option<String>,
    pub params: ListParams,
}

impl ListTarget {
    /// Every object in `namespace`, or in all.
    pub fn all(namespace: Option<&str>) -> Self {
        Self {
            namespace: namespace.map(str::to_owned),
            params: ListParams::default(),
        }
    }

    /// The objects in `namespace` that match a label selector.
    pub fn labelled(namespace: Option<&str>, selector: &str) -> Self {
        Self {
            namespace: namespace.map(str::to_owned),
            params: ListParams::labelled(selector),
        }
    }

    /// The one object called `name` in `namespace`.
    pub fn named(namespace: &str, name: &str) -> Self {
        Self {
            namespace: Some(namespace.to_owned()),
            params: ListParams::named(name),
        }
    }
}

/// The objects at a path, live: `None` until the first list answers.
pub struct LiveList<T: Listed> {
    state: RwSignal<Option<Result<Vec<T>, ApiError>>>,
    restart: Trigger,
}

impl<T: Listed> Clone for LiveList<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Listed> Copy for LiveList<T> {}

impl<T: Listed> LiveList<T> {
    /// Lists and watches the `T`s `target()` names, again whenever it changes; the old watch
    /// is cancelled.
    pub fn new(client: ApiClient, target: impl Fn() -> ListTarget + 'static) -> Self {
        let state = RwSignal::new(None);
        let restart = Trigger::new();
        Effect::new(move |_| {
            restart.track();
            let target = target();
            state.set(None);
            let api = Api::<T>::scoped(&client, target.namespace.as_deref());
            spawn_local_scoped_with_cancellation(async move {
                keep_up(&api, &target.params, state).await
            });
        });
        Self { state, restart }
    }

    /// Starts over at once (after an error the list also retries by itself, more slowly).
    pub fn retry(&self) {
        self.restart.notify();
    }

    /// The objects, or the error of the last list. Tracked.
    pub fn get(&self) -> Option<Result<Vec<T>, ApiError>> {
        self.state.get()
    }

    /// Reads the objects without copying them (a list may hold thousands). Tracked.
    pub fn with<R>(&self, read: impl FnOnce(Option<&Result<Vec<T>, ApiError>>) -> R) -> R {
        self.state.with(|state| read(state.as_ref()))
    }
}

/// Lists, then watches forever (until cancelled), as the module says.
async fn keep_up<T: Listed>(
    api: &Api<T>,
    params: &ListParams,
    state: RwSignal<Option<Result<Vec<T>, ApiError>>>,
) {
    let mut failures: u32 = 0;
    loop {
        // A long list shows its first page while the rest loads; a relist keeps what is shown.
        let show_first_page = |first: Vec<T>| {
            if !state.with_untracked(|s| matches!(s, Some(Ok(_)))) {
                state.set(Some(Ok(first)));
            }
        };
        let listed = api.list_showing_first_page(params, show_first_page).await;
        let (items, version) = match listed {
            Ok(listed) => listed,
            Err(ApiError::Aborted) => return,
            Err(err) => {
                let wait = err.retry_after_ms().unwrap_or(backoff_ms(failures + 1));
                state.set(Some(Err(err)));
                failures += 1;
                sleep_ms(wait).await;
                continue;
            }
        };
        state.set(Some(Ok(items)));
        let mut version = version.unwrap_or_default();
        // Watch until the version is gone, then relist.
        loop {
            let mut expired = false;
            let from = version.clone();
            let started = js_sys::Date::now();
            let result = api
                .watch(params, &from, WATCH_SECONDS, |lines| {
                    let mut changes = Vec::new();
                    for line in lines {
                        match parse_line::<T>(line) {
                            WatchMessage::Bookmark(rv) => version = rv,
                            WatchMessage::Expired => expired = true,
                            WatchMessage::Ignore => {}
                            message => {
                                if let WatchMessage::Upsert(o) | WatchMessage::Delete(o) = &message
                                {
                                    if let Some(rv) = &o.meta().resource_version {
                                        version.clone_from(rv);
                                    }
                                }
                                changes.push(message);
                            }
                        }
                    }
                    // One update per chunk: a burst of events redraws once.
                    if !changes.is_empty() {
                        state.update(|s| {
                            if let Some(Ok(items)) = s {
                                for change in changes {
                                    apply(items, change);
                                }
                            }
                        });
                    }
                })
                .await;
            let lasted_ms = js_sys::Date::now() - started;
            let (wait, next_failures) = match &result {
                Err(ApiError::Aborted) => return,
                Err(err) if err.is_gone() => break,
                Err(err) => {
                    let (wait, next) = reconnect_after(failures, false, lasted_ms);
                    (err.retry_after_ms().unwrap_or(wait), next)
                }
                Ok(()) => reconnect_after(failures, true, lasted_ms),
            };
            failures = next_failures;
            if expired {
                break;
            }
            sleep_ms(wait).await;
        }
    }
}

/// Waits longer after each failure in a row, up to 30 s.
fn backoff_ms(failures: u32) -> i32 {
    (500 * 2_i32.pow(failures.min(6))).min(30_000)
}

/// A watch that lasted at least this long was healthy, however it ended.
const HEALTHY_WATCH_MS: f64 = 30_000.0;

/// How long to wait before watching again, and the failures in a row after this end: a watch
/// that failed, or ended (even cleanly) before it was healthy, counts as a failure.
fn reconnect_after(failures: u32, clean: bool, lasted_ms: f64) -> (i32, u32) {
    let next = if clean && lasted_ms >= HEALTHY_WATCH_MS {
        0
    } else {
        failures + 1
    };
    (backoff_ms(next), next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PrintableStatus, VirtualMachine};

    fn vm_line(kind: &str, name: &str, status: &str, rv: &str) -> String {
        serde_json::json!({"type": kind, "object": {"metadata": {"name": name, "namespace": "dev", "resourceVersion": rv},
            "status": {"printableStatus": status}}})
        .to_string()
    }

    #[test]
    fn events_add_change_and_remove_objects() {
        let mut items: Vec<VirtualMachine> = Vec::new();
        apply(
            &mut items,
            parse_line(&vm_line("ADDED", "a", "Starting", "5")),
        );
        apply(
            &mut items,
            parse_line(&vm_line("ADDED", "b", "Stopped", "6")),
        );
        apply(
            &mut items,
            parse_line(&vm_line("MODIFIED", "a", "Running", "7")),
        );
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].printable_status(), PrintableStatus::Running);
        apply(
            &mut items,
            parse_line(&vm_line("DELETED", "b", "Stopped", "8")),
        );
        assert_eq!(items.iter().map(|v| v.name()).collect::<Vec<_>>(), ["a"]);
    }

    #[test]
    fn bookmarks_errors_and_noise_are_understood() {
        let bookmark = r#"{"type":"BOOKMARK","object":{"kind":"VirtualMachine","metadata":{"resourceVersion":"42"}}}"#;
        assert_eq!(
            parse_line::<VirtualMachine>(bookmark),
            WatchMessage::Bookmark("42".into())
        );
        let gone = r#"{"type":"ERROR","object":{"kind":"Status","code":410,"reason":"Expired"}}"#;
        assert_eq!(parse_line::<VirtualMachine>(gone), WatchMessage::Expired);
        assert_eq!(
            parse_line::<VirtualMachine>("not json"),
            WatchMessage::Ignore
        );
    }

    #[test]
    fn every_reconnect_waits_and_quick_clean_closes_back_off_like_failures() {
        // A server that closes each watch at once is asked less and less often.
        let mut failures = 0;
        let mut waits = Vec::new();
        for _ in 0..4 {
            let (wait, next) = reconnect_after(failures, true, 5.0);
            waits.push(wait);
            failures = next;
        }
        assert_eq!(waits, [1000, 2000, 4000, 8000]);
        // A watch that ran its course resets the count, and still waits a little.
        assert_eq!(reconnect_after(5, true, 300_000.0), (500, 0));
        // A failure after a long watch (a silent one, cut off) still counts.
        assert_eq!(reconnect_after(0, false, 300_000.0), (1000, 1));
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff_ms(1), 1000);
        assert!(backoff_ms(3) > backoff_ms(2));
        assert_eq!(backoff_ms(20), 30_000);
    }
}
