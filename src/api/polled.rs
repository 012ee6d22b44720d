//! Data a page reads again every few seconds instead of watching: for sections that change
//! rarely, where an open watch would cost one of the six connections a browser keeps per
//! server over HTTP/1.1 (kubectl proxy, the demo), and so stall every other request once the
//! page has six. The last answer stays shown while the next is on its way; a kind the server
//! does not serve (404) is not asked for again.

use std::future::Future;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

use super::ApiError;

/// The latest answer of a read repeated every `every`.
pub struct Polled<T: Send + Sync + 'static> {
    state: RwSignal<Option<Result<T, ApiError>>>,
}

impl<T: Send + Sync + 'static> Clone for Polled<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Polled<T> {}

impl<T: Send + Sync + 'static> Polled<T> {
    /// Runs `fetch()` now and every `every` while the page is shown; the request in flight
    /// is cancelled when the page goes away.
    pub fn new<Fut>(every: Duration, fetch: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let state = RwSignal::new(None);
        let tick = RwSignal::new(0_u64);
        if let Ok(handle) = set_interval_with_handle(move || tick.update(|t| *t += 1), every) {
            on_cleanup(move || handle.clear());
        }
        Effect::new(move |_| {
            tick.track();
            let not_served = state.with_untracked(|s: &Option<Result<T, ApiError>>| {
                matches!(s, Some(Err(error)) if error.is_not_found())
            });
            if not_served {
                return;
            }
            let request = fetch();
            spawn_local_scoped_with_cancellation(async move {
                let answer = request.await;
                if !matches!(answer, Err(ApiError::Aborted)) {
                    state.try_set(Some(answer));
                }
            });
        });
        Self { state }
    }

    /// Reads the latest answer (`None` before the first). Tracked.
    pub fn with<R>(&self, read: impl FnOnce(Option<&Result<T, ApiError>>) -> R) -> R {
        self.state.with(|state| read(state.as_ref()))
    }
}
