//! The one way a page writes: a `Mutation` runs a request and owns whether it is pending and
//! how it ended, so the page shows those in place instead of copying an outcome into signals
//! of its own with an effect.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;

type Run<I, O, E> = Box<dyn Fn(I) -> Pin<Box<dyn Future<Output = Result<O, E>>>>>;

/// A write the user starts: its pending flag and the outcome of its latest dispatch.
///
/// Only the latest dispatch counts: a slower earlier answer does not overwrite a newer one. The
/// request runs to its end even when the page goes away, as a write once sent cannot be taken
/// back; its outcome is then dropped.
pub struct Mutation<I: 'static, O: Send + Sync + 'static, E: Send + Sync + 'static> {
    run: StoredValue<Run<I, O, E>, LocalStorage>,
    outcome: RwSignal<Option<Result<O, E>>>,
    pending: RwSignal<bool>,
    latest: StoredValue<u64>,
}

impl<I, O: Send + Sync, E: Send + Sync> Clone for Mutation<I, O, E> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<I, O: Send + Sync, E: Send + Sync> Copy for Mutation<I, O, E> {}

impl<I: 'static, O: Clone + Send + Sync + 'static, E: Clone + Send + Sync + 'static>
    Mutation<I, O, E>
{
    /// A mutation that runs `run(input)` on each dispatch.
    pub fn new<Fut>(run: impl Fn(I) -> Fut + 'static) -> Self
    where
        Fut: Future<Output = Result<O, E>> + 'static,
    {
        let run: Run<I, O, E> = Box::new(move |input| Box::pin(run(input)));
        Self {
            run: StoredValue::new_local(run),
            outcome: RwSignal::new(None),
            pending: RwSignal::new(false),
            latest: StoredValue::new(0),
        }
    }

    /// Starts the request; the last outcome is put aside until this one's comes.
    pub fn dispatch(self, input: I) {
        self.dispatch_then(input, |_| {});
    }

    /// Starts the request and calls `then` with its outcome, for what follows from it (closing
    /// a dialog, going to another page), if the page is still there and no newer dispatch was
    /// made.
    pub fn dispatch_then(self, input: I, then: impl FnOnce(&Result<O, E>) + 'static) {
        let Some(request) = self.run.try_with_value(|run| run(input)) else {
            return;
        };
        let ticket = self.latest.get_value() + 1;
        self.latest.set_value(ticket);
        self.outcome.set(None);
        self.pending.set(true);
        leptos::task::spawn_local(async move {
            let outcome = request.await;
            if self.latest.try_get_value() != Some(ticket) {
                return;
            }
            self.pending.try_set(false);
            then(&outcome);
            self.outcome.try_set(Some(outcome));
        });
    }

    /// Whether the latest dispatch is running. Tracked.
    pub fn pending(self) -> Signal<bool> {
        self.pending.into()
    }

    /// Why the latest dispatch failed, if it did. Tracked.
    pub fn error(self) -> Option<E> {
        self.outcome
            .with(|outcome| outcome.as_ref().and_then(|o| o.as_ref().err().cloned()))
    }

    /// What the latest dispatch returned, if it succeeded. Tracked.
    pub fn value(self) -> Option<O> {
        self.outcome
            .with(|outcome| outcome.as_ref().and_then(|o| o.as_ref().ok().cloned()))
    }

    /// Forgets the last outcome (the user dismissed what it said).
    pub fn clear(self) {
        self.outcome.set(None);
    }
}
