//! Who is signed in to the guest, shown before a restart (and a scheduled one): a restart signs
//! them out, so restarting now needs a confirmation that names them.

use chrono::Utc;
use leptos::prelude::*;

use crate::api::resource::ApiResource;
use crate::api::vms::signed_in_users;
use crate::components::{Alert, AlertVariant};
use crate::context::use_client;
use crate::logic::signed_in::{describe, sign_out_confirmation, uptime};
use crate::model::ObjectRef;

/// Reads the guest's users once shown. With `confirmed`, users signed in must be named and
/// confirmed: `needs_confirmation` is then true until the user ticks the box.
#[component]
pub fn SignedInUsers(
    vm: ObjectRef,
    /// Whether the guest agent is connected: without it nobody can tell.
    agent: bool,
    /// Since when the guest runs, when known.
    running_since: Option<chrono::DateTime<Utc>>,
    /// Where the confirmation is kept; `None` where only telling is needed (a schedule).
    #[prop(optional)]
    confirmed: Option<RwSignal<bool>>,
    /// Set while users are signed in and the confirmation is not given.
    #[prop(optional)]
    needs_confirmation: Option<RwSignal<bool>>,
) -> impl IntoView {
    let running = running_since.map(|since| {
        view! {
            <p class="wvm-muted" data-testid="guest-uptime">
                {uptime(since, Utc::now())}
            </p>
        }
    });
    if !agent {
        return view! {
            {running}
            <p class="wvm-muted" data-testid="signed-in-users">
                "Who is signed in to the guest cannot be told: its guest agent is not connected."
            </p>
        }
        .into_any();
    }
    let client = use_client();
    let users = ApiResource::new(
        || (),
        move |()| {
            let (client, vm) = (client.clone(), vm.clone());
            async move { signed_in_users(&client, &vm).await }
        },
    );
    let confirmation = Memo::new(move |_| match users.get() {
        Some(Ok(list)) => sign_out_confirmation(&list),
        _ => None,
    });
    if let (Some(confirmed), Some(needed)) = (confirmed, needs_confirmation) {
        Effect::new(move |_| needed.set(confirmation.get().is_some() && !confirmed.get()));
    }
    view! {
        {running}
        <div data-testid="signed-in-users">
            {move || match users.get() {
                None => {
                    view! { <p class="wvm-muted">"Checking who is signed in to the guest…"</p> }
                        .into_any()
                }
                Some(Err(err)) => {
                    view! {
                        <p class="wvm-muted">
                            {format!(
                                "Who is signed in to the guest could not be read: {}",
                                err.user_message(),
                            )}
                        </p>
                    }
                        .into_any()
                }
                Some(Ok(list)) if list.is_empty() => {
                    view! { <p>"Nobody is signed in to the guest."</p> }.into_any()
                }
                Some(Ok(list)) => {
                    let lines = describe(&list, Utc::now());
                    view! {
                        <Alert
                            variant=AlertVariant::Warning
                            title="Signed in to the guest now"
                            test_id="signed-in-alert"
                        >
                            <ul>
                                {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                            </ul>
                            <p>"A restart signs them out; what they have not saved is lost."</p>
                        </Alert>
                    }
                        .into_any()
                }
            }}
            {move || {
                let confirmed = confirmed?;
                let label = confirmation.get()?;
                Some(
                    view! {
                        <div class="pf-v6-c-check wvm-switch__sign-out">
                            <input
                                class="pf-v6-c-check__input"
                                type="checkbox"
                                id="wvm-switch-sign-out"
                                prop:checked=move || confirmed.get()
                                on:change=move |ev| confirmed.set(event_target_checked(&ev))
                            />
                            <label class="pf-v6-c-check__label" for="wvm-switch-sign-out">
                                {label}
                            </label>
                        </div>
                    },
                )
            }}
        </div>
    }
    .into_any()
}
