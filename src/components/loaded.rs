//! The one way a page shows a read: loading rows while it loads, the error with Try again when
//! it failed, an empty state when there is nothing, and the content once there is.

use leptos::prelude::*;

use super::error_alert::ErrorAlert;
use super::loading::LoadingRows;
use crate::api::ApiError;

/// Where a read is. Pages build it in a `Memo`, so the content is rebuilt only when the phase
/// changes, not on every event of a live list.
#[derive(Clone, Debug, PartialEq)]
pub enum ReadPhase<T> {
    Loading,
    Empty,
    Ready(T),
    Failed(ApiError),
}

impl<T> ReadPhase<T> {
    /// The phase of an answer (`None` while loading): empty when `is_empty` says so, else
    /// ready with what `ready` takes from it.
    pub fn of<U>(
        answer: Option<&Result<U, ApiError>>,
        is_empty: impl Fn(&U) -> bool,
        ready: impl Fn(&U) -> T,
    ) -> Self {
        match answer {
            None => Self::Loading,
            Some(Ok(value)) if is_empty(value) => Self::Empty,
            Some(Ok(value)) => Self::Ready(ready(value)),
            Some(Err(err)) => Self::Failed(err.clone()),
        }
    }
}

/// Renders a read in its phase; the content is `children(value)`.
#[component]
pub fn Loaded<T, C, V>(
    #[prop(into)] phase: Signal<ReadPhase<T>>,
    /// What is loading, for screen readers ("Loading virtual machines").
    #[prop(into)]
    loading_label: String,
    /// How many placeholder rows.
    #[prop(default = 5)]
    rows: usize,
    /// What failed ("Could not load virtual machines").
    #[prop(into)]
    error_title: String,
    /// Says why, for this page; `ApiError::user_message` when not given.
    #[prop(optional)]
    error_message: Option<Callback<ApiError, String>>,
    /// Asks again.
    on_retry: Callback<()>,
    /// Shown when the read found nothing.
    #[prop(optional, into)]
    empty: ViewFn,
    /// Wraps loading, error and empty states in a `<section>` of this class, for pages whose
    /// content brings its own sections.
    #[prop(optional)]
    section_class: Option<&'static str>,
    children: C,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    C: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let framed = move |inner: AnyView| match section_class {
        Some(class) => view! { <section class=class>{inner}</section> }.into_any(),
        None => inner,
    };
    move || match phase.get() {
        ReadPhase::Loading => {
            framed(view! { <LoadingRows label=loading_label.clone() rows /> }.into_any())
        }
        ReadPhase::Empty => framed(empty.run()),
        ReadPhase::Ready(value) => children(value).into_any(),
        ReadPhase::Failed(err) => {
            let message = match error_message {
                Some(say) => say.run(err),
                None => err.user_message(),
            };
            framed(view! { <ErrorAlert title=error_title.clone() message on_retry /> }.into_any())
        }
    }
}
