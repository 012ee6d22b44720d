//! A list kept up to date by a watch: list once, then apply each event; resume from the last
//! resourceVersion when the server closes the watch, relist when it says the version is gone
//! (410), and back off before every reconnect, whether the watch failed, went silent or was
//! closed cleanly (a server that closes at once must not be asked again in a tight loop). One
//! list and one watch per kind, never a request per object.

use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use std::marker::PhantomData;

use super::client::sleep_ms;
use super::typed::{Api, ListParams};
use super::{ApiClient, ApiError};
use crate::logic::vm_list_store::KeyedFacts;
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

/// The type of a watch event; the object is skipped, not built.
#[derive(Deserialize)]
struct EventType<'a> {
    #[serde(rename = "type", borrow)]
    kind: std::borrow::Cow<'a, str>,
}

/// A watch event's object, read as `O`.
#[derive(Deserialize)]
struct EventObject<O> {
    object: O,
}

/// What a bookmark or an error carries that the list needs.
#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct EventStatus {
    code: Option<u16>,
    metadata: ObjectMeta,
}

/// Reads one line of a watch stream straight into `T`, with no JSON tree in between.
pub fn parse_line<T: Listed>(line: &str) -> WatchMessage<T> {
    let Ok(event) = serde_json::from_str::<EventType>(line) else {
        return WatchMessage::Ignore;
    };
    let status = || serde_json::from_str::<EventObject<EventStatus>>(line).map(|e| e.object);
    match event.kind.as_ref() {
        "BOOKMARK" => status()
            .ok()
            .and_then(|s| s.metadata.resource_version)
            .map(WatchMessage::Bookmark)
            .unwrap_or(WatchMessage::Ignore),
        "ERROR" if status().is_ok_and(|s| s.code == Some(410)) => WatchMessage::Expired,
        kind @ ("ADDED" | "MODIFIED" | "DELETED") => {
            match serde_json::from_str::<EventObject<T>>(line) {
                Ok(event) if kind == "DELETED" => WatchMessage::Delete(event.object),
                Ok(event) => WatchMessage::Upsert(event.object),
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

/// Where a live list keeps its objects: as they are (`Vec<T>`), or in a form of the page's
/// own (the VM list keeps only what its rows need, keyed).
pub trait ListStore<T>: Default + Send + Sync + 'static {
    /// Adds a page of listed objects.
    fn extend(&mut self, page: Vec<T>);
    /// Applies an added, changed or deleted object.
    fn apply(&mut self, message: WatchMessage<T>);
    fn is_empty(&self) -> bool;
}

impl<T: Listed> ListStore<T> for Vec<T> {
    fn extend(&mut self, page: Vec<T>) {
        Extend::extend(self, page);
    }

    fn apply(&mut self, message: WatchMessage<T>) {
        apply(self, message);
    }

    fn is_empty(&self) -> bool {
        <[T]>::is_empty(self)
    }
}

/// Keeps each object once in compact form `F`, keyed by `namespace/name`.
impl<T: Listed, F> ListStore<T> for KeyedFacts<F>
where
    F: for<'a> From<&'a T> + Send + Sync + 'static,
{
    fn extend(&mut self, page: Vec<T>) {
        for object in &page {
            self.insert(key_of(object.meta()), F::from(object));
        }
    }

    fn apply(&mut self, message: WatchMessage<T>) {
        match message {
            WatchMessage::Upsert(object) => self.insert(key_of(object.meta()), F::from(&object)),
            WatchMessage::Delete(object) => self.remove(&key_of(object.meta())),
            _ => {}
        }
    }

    fn is_empty(&self) -> bool {
        KeyedFacts::is_empty(self)
    }
}

/// `namespace/name`, unique across namespaces.
fn key_of(meta: &ObjectMeta) -> String {
    format!(
        "{}/{}",
        meta.namespace.as_deref().unwrap_or_default(),
        meta.name
    )
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

/// The objects at a path, live: `None` until the first list answers. They are kept in `S`.
pub struct LiveList<T: Listed, S: ListStore<T> = Vec<T>> {
    state: RwSignal<Option<Result<S, ApiError>>>,
    restart: Trigger,
    kind: PhantomData<fn() -> T>,
}

impl<T: Listed, S: ListStore<T>> Clone for LiveList<T, S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Listed, S: ListStore<T>> Copy for LiveList<T, S> {}

impl<T: Listed, S: ListStore<T>> LiveList<T, S> {
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
        Self {
            state,
            restart,
            kind: PhantomData,
        }
    }

    /// Starts over at once (after an error the list also retries by itself, more slowly).
    pub fn retry(&self) {
        self.restart.notify();
    }

    /// The objects, or the error of the last list. Tracked.
    pub fn get(&self) -> Option<Result<S, ApiError>>
    where
        S: Clone,
    {
        self.state.get()
    }

    /// Reads the objects without copying them (a list may hold thousands). Tracked.
    pub fn with<R>(&self, read: impl FnOnce(Option<&Result<S, ApiError>>) -> R) -> R {
        self.state.with(|state| read(state.as_ref()))
    }

    /// Lets the one reader that keeps the store's own bookkeeping (a change log) update it,
    /// without telling anyone: the objects themselves must stay as they are. Untracked;
    /// `None` once the list is gone with its owner.
    pub fn with_store_mut<R>(&self, keep: impl FnOnce(Option<&mut S>) -> R) -> Option<R> {
        self.state
            .try_update_untracked(|state| keep(state.as_mut().and_then(|s| s.as_mut().ok())))
    }

    /// Subscribes the running effect or memo to every change.
    pub fn track(&self) {
        self.state.track();
    }
}

/// Lists, then watches forever (until cancelled), as the module says.
async fn keep_up<T: Listed, S: ListStore<T>>(
    api: &Api<T>,
    params: &ListParams,
    state: RwSignal<Option<Result<S, ApiError>>>,
) {
    let mut failures: u32 = 0;
    loop {
        // While nothing is shown, pages go straight to the state: the first screen shows from
        // the first page while the rest streams in. A relist builds aside and keeps what is
        // shown until it is complete.
        let streaming = !state.with_untracked(|s| matches!(s, Some(Ok(_))));
        let mut aside = S::default();
        let listed = api
            .list_pages(params, |page, start_over| {
                if streaming {
                    state.update(|s| {
                        if start_over || !matches!(s, Some(Ok(_))) {
                            *s = Some(Ok(S::default()));
                        }
                        if let Some(Ok(store)) = s {
                            store.extend(page);
                        }
                    });
                } else {
                    if start_over {
                        aside = S::default();
                    }
                    aside.extend(page);
                }
            })
            .await;
        let version = match listed {
            Ok(version) => version,
            Err(ApiError::Aborted) => return,
            Err(err) => {
                let wait = err.retry_after_ms().unwrap_or(backoff_ms(failures + 1));
                state.set(Some(Err(err)));
                failures += 1;
                sleep_ms(wait).await;
                continue;
            }
        };
        if !streaming {
            state.set(Some(Ok(aside)));
        }
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
                            if let Some(Ok(store)) = s {
                                for change in changes {
                                    store.apply(change);
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
