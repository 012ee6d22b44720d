//! Data read from the API for a page, refetched when its input changes. Unlike Leptos's own
//! resources, a request whose answer is no longer wanted (the input changed, or the page went
//! away) is cancelled at once, so it neither holds a connection nor delays the next one.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

use super::ApiError;

/// The latest answer for the current input: `None` while it loads.
pub struct ApiResource<T: Send + Sync + 'static> {
    state: RwSignal<Option<Result<T, ApiError>>>,
    refetch: Trigger,
}

impl<T: Send + Sync + 'static> Clone for ApiResource<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for ApiResource<T> {}

impl<T: Clone + Send + Sync + 'static> ApiResource<T> {
    /// Runs `fetch(input())` now and whenever `input` changes or `refetch` is called. The
    /// request in flight is cancelled first: the effect's owner is cleaned up before each run
    /// and when the page is unmounted, which drops the task and so aborts its fetch.
    pub fn new<I, Fut>(input: impl Fn() -> I + 'static, fetch: impl Fn(I) -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<T, ApiError>> + 'static,
    {
        let state = RwSignal::new(None);
        let refetch = Trigger::new();
        Effect::new(move |_| {
            refetch.track();
            let request = fetch(input());
            state.set(None);
            spawn_local_scoped_with_cancellation(async move {
                let answer = request.await;
                if !matches!(answer, Err(ApiError::Aborted)) {
                    state.set(Some(answer));
                }
            });
        });
        Self { state, refetch }
    }

    /// The answer, or `None` while loading. Tracked.
    pub fn get(&self) -> Option<Result<T, ApiError>> {
        self.state.get()
    }

    /// Asks again with the same input.
    pub fn refetch(&self) {
        self.refetch.notify();
    }
}
