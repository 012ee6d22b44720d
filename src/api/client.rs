//! The HTTP client every API call goes through: base path chosen at run time, JSON, the CSRF
//! header on mutations, typed errors, time limits, retries of safe reads, and cancellation
//! when the reactive owner that made the request is cleaned up (the page went away or asked
//! for something else).

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use gloo_net::http::{Method, RequestBuilder};
use leptos::prelude::{on_cleanup, Owner};
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, RequestCredentials};

use super::csrf::{method_needs_token, token_from_cookies, CSRF_HEADER};
use super::error::ApiError;
use crate::model::{List, ListMeta};

/// A list answer's metadata alone; its items are skipped, not read.
#[derive(serde::Deserialize)]
struct ListHead {
    #[serde(default)]
    metadata: ListMeta,
}

/// How long one request may take before it is cancelled.
const REQUEST_TIMEOUT_SECONDS: u32 = 30;
/// How many times a safe read is tried in all.
const READ_ATTEMPTS: u32 = 3;
/// Page size of list requests, as the OpenShift console uses.
const LIST_PAGE_SIZE: &str = "250";

/// How long a watch may send nothing at all, not even a bookmark, before it counts as dropped.
pub const WATCH_SILENCE_MS: i32 = 120_000;

/// The client: cheap to clone, shared through context.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiClient {
    base: Arc<str>,
}

impl ApiClient {
    /// A client for the API under `base` (`/api/kubernetes`, `/k8s`, or `""` for the root).
    pub fn new(base: &str) -> Self {
        Self {
            base: Arc::from(base.trim_end_matches('/')),
        }
    }

    /// The base path this client sends requests under.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// GETs a JSON object, retrying transient failures.
    pub async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ApiError> {
        self.get_with_query(path, &[]).await
    }

    /// GETs a JSON object with query parameters (given unencoded), retrying transient failures.
    pub async fn get_with_query<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<T, ApiError> {
        self.get_text(path, query)
            .await
            .and_then(|text| decode(&text))
    }

    /// GETs a body as text, retrying transient failures.
    async fn get_text(&self, path: &str, query: &[(&str, &str)]) -> Result<String, ApiError> {
        let mut attempt = 1;
        loop {
            match self.send(Method::GET, path, query, None).await {
                Err(err) if err.is_transient() && attempt < READ_ATTEMPTS => {
                    sleep_ms(err.retry_after_ms().unwrap_or(250 * 2_i32.pow(attempt))).await;
                    attempt += 1;
                }
                result => return result,
            }
        }
    }

    /// Lists a whole collection (narrowed by `selectors` such as `fieldSelector`), following
    /// `continue` tokens page by page. Returns the items
    /// and the resourceVersion to watch from. A continue token that expired restarts the list.
    pub async fn list<T: DeserializeOwned>(
        &self,
        path: &str,
        selectors: &[(&str, &str)],
    ) -> Result<(Vec<T>, Option<String>), ApiError> {
        let mut items = Vec::new();
        let version = self
            .list_pages(path, selectors, |page, start_over| {
                if start_over {
                    items.clear();
                }
                items.extend(page);
            })
            .await?;
        Ok((items, version))
    }

    /// As `list`, but hands over each page as it arrives instead of collecting them, so a long
    /// list can show its first rows while the rest loads and never holds every object whole.
    /// `on_page` learns with each page whether it starts the list over (the first page, and
    /// the first again after an expired continue token). Returns the resourceVersion to watch
    /// from.
    pub async fn list_pages<T: DeserializeOwned>(
        &self,
        path: &str,
        selectors: &[(&str, &str)],
        mut on_page: impl FnMut(Vec<T>, bool),
    ) -> Result<Option<String>, ApiError> {
        fn page_query<'a>(
            selectors: &[(&'a str, &'a str)],
            token: Option<&'a str>,
        ) -> Vec<(&'a str, &'a str)> {
            let mut query = vec![("limit", LIST_PAGE_SIZE)];
            query.extend_from_slice(selectors);
            query.extend(token.map(|token| ("continue", token)));
            query
        }
        let mut restarted = false;
        let mut start_over = true;
        let mut fetched = self.get_text(path, &page_query(selectors, None)).await;
        loop {
            let text = match fetched {
                Ok(text) => text,
                Err(err) if err.is_gone() && !start_over && !restarted => {
                    restarted = true;
                    start_over = true;
                    fetched = self.get_text(path, &page_query(selectors, None)).await;
                    continue;
                }
                Err(err) => return Err(err),
            };
            let head: ListHead = decode(&text)?;
            let Some(token) = head.metadata.continue_token.filter(|t| !t.is_empty()) else {
                on_page(decode::<List<T>>(&text)?.items, start_over);
                return Ok(head.metadata.resource_version);
            };
            // The next page is asked for before this one is read (`join` starts its request
            // first), so the server answers while the browser reads.
            let query = page_query(selectors, Some(&token));
            let read =
                async { decode::<List<T>>(&text).map(|page| on_page(page.items, start_over)) };
            let (next, read) = futures::future::join(self.get_text(path, &query), read).await;
            read?;
            start_over = false;
            fetched = next;
        }
    }

    /// POSTs a JSON object and returns what the server stored. Never retried: a create that
    /// timed out may have happened.
    pub async fn create<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
        body: &serde_json::Value,
    ) -> Result<T, ApiError> {
        let body = Some(("application/json", body.to_string()));
        let text = self.send(Method::POST, path, query, body).await?;
        decode(&text)
    }

    /// PUTs a whole object (it must carry the `resourceVersion` it was read at; a stale one is
    /// refused with 409). Not retried.
    pub async fn replace<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &serde_json::Value,
    ) -> Result<T, ApiError> {
        let body = Some(("application/json", body.to_string()));
        let text = self.send(Method::PUT, path, &[], body).await?;
        decode(&text)
    }

    /// PATCHes an object with a JSON patch (`ops`, guarded by `test` operations) and returns
    /// what the server stored. Not retried: the guards make a repeat fail, not double up.
    pub async fn json_patch<T: DeserializeOwned>(
        &self,
        path: &str,
        ops: &serde_json::Value,
    ) -> Result<T, ApiError> {
        let body = Some(("application/json-patch+json", ops.to_string()));
        let text = self.send(Method::PATCH, path, &[], body).await?;
        decode(&text)
    }

    /// PATCHes an object with a JSON merge patch: for a field the app owns outright (one
    /// annotation), whatever its neighbours hold. Setting it twice stores the same.
    pub async fn merge_patch<T: DeserializeOwned>(
        &self,
        path: &str,
        patch: &serde_json::Value,
    ) -> Result<T, ApiError> {
        let body = Some(("application/merge-patch+json", patch.to_string()));
        let text = self.send(Method::PATCH, path, &[], body).await?;
        decode(&text)
    }

    /// PUTs with no body (KubeVirt's start/stop/restart answer 202 and nothing). Not retried.
    pub async fn put_empty(&self, path: &str) -> Result<(), ApiError> {
        self.send(Method::PUT, path, &[], None).await.map(|_| ())
    }

    /// DELETEs an object in the background, as kubectl does. Not retried.
    pub async fn delete(&self, path: &str) -> Result<(), ApiError> {
        let body = Some((
            "application/json",
            r#"{"propagationPolicy":"Background"}"#.to_owned(),
        ));
        self.send(Method::DELETE, path, &[], body).await.map(|_| ())
    }

    /// Sends one request and returns the body of a 2xx answer. `path` carries no query: the
    /// parameters are given apart (unencoded) and encoded here.
    async fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<(&str, String)>,
    ) -> Result<String, ApiError> {
        let (controller, _abort_on_drop) = cancellable()?;
        let timer = Timer::start(&controller, REQUEST_TIMEOUT_SECONDS);

        let method_name = method.to_string();
        let mut request = RequestBuilder::new(&format!("{}{}", self.base, path))
            .method(method)
            .header("Accept", "application/json")
            .query(query.iter().copied())
            .credentials(RequestCredentials::SameOrigin)
            .abort_signal(Some(&controller.signal()));
        if method_needs_token(&method_name) {
            if let Some(token) = current_csrf_token() {
                request = request.header(CSRF_HEADER, &token);
            }
        }
        let request = match body {
            Some((content_type, body)) => request.header("Content-Type", content_type).body(body),
            None => request.build(),
        }
        .map_err(|err| ApiError::Network(err.to_string()))?;

        let outcome = async {
            let response = request.send().await?;
            let retry_after = response.headers().get("Retry-After");
            let text = response.text().await?;
            Ok::<_, gloo_net::Error>((response.status(), text, retry_after))
        }
        .await;
        match outcome {
            Ok((code, text, _)) if (200..300).contains(&code) => Ok(text),
            Ok((code, text, retry_after)) => {
                Err(ApiError::from_response(code, &text).with_retry_after(retry_after.as_deref()))
            }
            Err(_) if timer.fired() => Err(ApiError::Timeout(REQUEST_TIMEOUT_SECONDS)),
            Err(_) if controller.signal().aborted() => Err(ApiError::Aborted),
            Err(err) => Err(ApiError::Network(err.to_string())),
        }
    }
}

impl ApiClient {
    /// Opens a watch (`?watch=true…` in `query`) and hands the lines of the stream to
    /// `on_lines`, all the complete lines of each chunk at once, until the server closes it (`Ok`), the request fails, or the owner is cleaned up
    /// (`Aborted`). Unlike other requests it has no time limit: the server ends it.
    pub async fn watch_lines(
        &self,
        path: &str,
        query: &[(&str, &str)],
        mut on_lines: impl FnMut(&[&str]),
    ) -> Result<(), ApiError> {
        let (controller, _abort_on_drop) = cancellable()?;
        let failed = |err: String| {
            if controller.signal().aborted() {
                ApiError::Aborted
            } else {
                ApiError::Network(err)
            }
        };
        let request = RequestBuilder::new(&format!("{}{}", self.base, path))
            .header("Accept", "application/json")
            .query(query.iter().copied())
            .credentials(RequestCredentials::SameOrigin)
            .abort_signal(Some(&controller.signal()))
            .build()
            .map_err(|err| ApiError::Network(err.to_string()))?;
        let response = request
            .send()
            .await
            .map_err(|err| failed(err.to_string()))?;
        if !response.ok() {
            let text = response.text().await.unwrap_or_default();
            return Err(ApiError::from_response(response.status(), &text));
        }
        let body = response
            .body()
            .ok_or_else(|| ApiError::Decode("a watch without a body".into()))?;
        let reader: web_sys::ReadableStreamDefaultReader = body.get_reader().unchecked_into();
        let mut pending: Vec<u8> = Vec::new();
        // A half-open connection sends nothing and never ends: the server sends at least a
        // bookmark now and then, so a long silence means the watch is gone. One timer at a time
        // watches for it (not one per chunk: a burst of events would leave hundreds behind);
        // when it fires early, because data came meanwhile, it waits out the rest.
        let mut last_heard = js_sys::Date::now();
        let mut silence = Box::pin(sleep_ms(WATCH_SILENCE_MS));
        loop {
            let mut read = wasm_bindgen_futures::JsFuture::from(reader.read());
            let chunk = loop {
                match futures::future::select(read, silence.as_mut()).await {
                    futures::future::Either::Left((chunk, _)) => {
                        break chunk.map_err(|_| failed("the watch was cut off".into()))?
                    }
                    futures::future::Either::Right(((), unfinished)) => {
                        let quiet = js_sys::Date::now() - last_heard;
                        let limit = f64::from(WATCH_SILENCE_MS);
                        if quiet >= limit {
                            controller.abort();
                            return Err(ApiError::Network(format!(
                                "the watch sent nothing for {} s",
                                WATCH_SILENCE_MS / 1000
                            )));
                        }
                        silence = Box::pin(sleep_ms((limit - quiet) as i32));
                        read = unfinished;
                    }
                }
            };
            last_heard = js_sys::Date::now();
            let field = |name: &str| js_sys::Reflect::get(&chunk, &name.into()).ok();
            if field("done").and_then(|d| d.as_bool()).unwrap_or(true) {
                return Ok(());
            }
            if let Some(value) = field("value") {
                pending.extend(js_sys::Uint8Array::new(&value).to_vec());
            }
            // Hand over every complete line of this chunk at once, keep the rest.
            if let Some(last_newline) = pending.iter().rposition(|b| *b == b'\n') {
                let complete: Vec<u8> = pending.drain(..=last_newline).collect();
                let text = String::from_utf8_lossy(&complete);
                let lines: Vec<&str> = text
                    .lines()
                    .map(str::trim)
                    .filter(|line| !line.is_empty())
                    .collect();
                on_lines(&lines);
            }
        }
    }
}

/// Decodes a 2xx body; an empty body (202 from KubeVirt actions) reads as JSON `null`.
fn decode<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    let text = if text.trim().is_empty() { "null" } else { text };
    serde_json::from_str(text).map_err(|err| ApiError::Decode(err.to_string()))
}

fn current_csrf_token() -> Option<String> {
    let document = web_sys::window()?
        .document()?
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()?;
    token_from_cookies(&document.cookie().ok()?)
}

/// A controller for one request, aborted when the returned guard is dropped or the reactive
/// owner making the request is cleaned up (its page went away or asked for something else).
fn cancellable() -> Result<(AbortController, AbortOnDrop), ApiError> {
    let controller =
        AbortController::new().map_err(|_| ApiError::Network("cannot create a request".into()))?;
    if Owner::current().is_some() {
        let controller = SendWrapper::new(controller.clone());
        on_cleanup(move || controller.abort());
    }
    Ok((controller.clone(), AbortOnDrop(controller)))
}

/// Cancels the request when its future is dropped before it finished.
struct AbortOnDrop(AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Aborts a request after a time limit and remembers that it did.
struct Timer {
    fired: Rc<Cell<bool>>,
    handle: Option<i32>,
    _callback: Closure<dyn FnMut()>,
}

impl Timer {
    fn start(controller: &AbortController, seconds: u32) -> Self {
        let fired = Rc::new(Cell::new(false));
        let callback = {
            let fired = fired.clone();
            let controller = controller.clone();
            Closure::<dyn FnMut()>::new(move || {
                fired.set(true);
                controller.abort();
            })
        };
        let handle = web_sys::window().and_then(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(
                    callback.as_ref().unchecked_ref(),
                    (seconds * 1000) as i32,
                )
                .ok()
        });
        Self {
            fired,
            handle,
            _callback: callback,
        }
    }

    fn fired(&self) -> bool {
        self.fired.get()
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let (Some(window), Some(handle)) = (web_sys::window(), self.handle) {
            window.clear_timeout_with_handle(handle);
        }
    }
}

/// Waits without blocking the page.
pub async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
