//! Data a page reads again every few seconds instead of watching: for sections that change
//! rarely, where an open watch would cost one of the six connections a browser keeps per
//! server over HTTP/1.1 (kubectl proxy, the demo), and so stall every other request once the
//! page has six. The last answer stays shown while the next is on its way; a read still on its
//! way when the next is due is let finish instead (so a slow server still gets answered), and
//! a kind the server does not serve (404) is not asked for again.

use std::future::Future;
use std::time::Duration;

use leptos::prelude::*;

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
    /// Runs `fetch()` now and every `every` while the page is shown. Once the page is gone, an
    /// answer still on its way is dropped.
    pub fn new<Fut>(every: Duration, fetch: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let state = RwSignal::new(None);
        let in_flight = StoredValue::new(false);
        let fetch = StoredValue::new_local(fetch);
        let read = move || {
            let not_served = state.with_untracked(|s: &Option<Result<T, ApiError>>| {
                matches!(s, Some(Err(error)) if error.is_not_found())
            });
            if not_served || in_flight.try_get_value() != Some(false) {
                return;
            }
            let Some(request) = fetch.try_with_value(|fetch| fetch()) else {
                return;
            };
            in_flight.set_value(true);
            leptos::task::spawn_local(async move {
                let answer = request.await;
                in_flight.try_set_value(false);
                state.try_set(Some(answer));
            });
        };
        read();
        if let Ok(handle) = set_interval_with_handle(read, every) {
            on_cleanup(move || handle.clear());
        }
        Self { state }
    }

    /// Reads the latest answer (`None` before the first). Tracked.
    pub fn with<R>(&self, read: impl FnOnce(Option<&Result<T, ApiError>>) -> R) -> R {
        self.state.with(|state| read(state.as_ref()))
    }
}
