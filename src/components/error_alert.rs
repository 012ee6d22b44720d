//! An inline danger alert for a failed API call, with an optional retry.

use leptos::prelude::*;

use super::icons::{Icon, IconKind};

/// Says what failed and why, in plain words, and offers to try again.
#[component]
pub fn ErrorAlert(
    /// What could not be done ("Could not load virtual machines").
    #[prop(into)]
    title: String,
    /// Why, from `ApiError::user_message` or the page's own wording.
    #[prop(into)]
    message: String,
    /// Called when the user asks to try again; no button without it.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <div class="pf-v6-c-alert pf-m-inline pf-m-danger" role="alert" data-testid="error-alert">
            <div class="pf-v6-c-alert__icon"><Icon kind=IconKind::ExclamationCircle /></div>
            <p class="pf-v6-c-alert__title">
                <span class="pf-v6-screen-reader">"Danger alert:"</span>
                {title}
            </p>
            <div class="pf-v6-c-alert__description"><p>{message}</p></div>
            {on_retry.map(|retry| view! {
                <div class="pf-v6-c-alert__action-group">
                    <button class="pf-v6-c-button pf-m-link pf-m-inline" type="button" on:click=move |_| retry.run(())>
                        <span class="pf-v6-c-button__text">"Try again"</span>
                    </button>
                </div>
            })}
        </div>
    }
}
