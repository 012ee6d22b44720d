//! An inline danger alert for a failed API call, with an optional retry.

use leptos::prelude::*;

use super::alert::{Alert, AlertVariant};
use super::button::{Button, ButtonVariant};

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
    match on_retry {
        Some(retry) => view! {
            <Alert
                variant=AlertVariant::Danger
                title
                role="alert"
                test_id="error-alert"
                actions=move || {
                    view! {
                        <Button variant=ButtonVariant::InlineLink on_click=retry>
                            "Try again"
                        </Button>
                    }
                }
            >
                <p>{message}</p>
            </Alert>
        }
        .into_any(),
        None => view! {
            <Alert variant=AlertVariant::Danger title role="alert" test_id="error-alert">
                <p>{message}</p>
            </Alert>
        }
        .into_any(),
    }
}
