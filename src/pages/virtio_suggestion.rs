//! Turning the VirtIO suggestion off for one VM ("Don't suggest again", in the hint's popover)
//! and on again (on the VM page). It is an annotation on the VM, so every user and browser
//! agrees.

use leptos::prelude::*;

use crate::api::{Api, ApiClient};
use crate::components::{Button, ButtonVariant, Mutation};
use crate::context::{use_client, use_popover_control};
use crate::logic::driver_hint::suggestion_patch;
use crate::model::VirtualMachine;

/// Sets the VM's suggestion on or off, saying why in plain words when it cannot.
fn switch_suggestion(
    client: ApiClient,
    namespace: String,
    name: String,
) -> Mutation<bool, (), String> {
    Mutation::new(move |on: bool| {
        let (client, namespace, name) = (client.clone(), namespace.clone(), name.clone());
        async move {
            Api::<VirtualMachine>::namespaced(&client, &namespace)
                .merge_patch(&name, &suggestion_patch(on))
                .await
                .map(drop)
                .map_err(|err| err.user_message())
        }
    })
}

/// Why the change was refused, in place, while it was.
fn refusal(why: Option<String>) -> impl IntoView {
    why.map(|why| {
        view! {
            <p class="wvm-hint__error" role="alert">
                {why}
            </p>
        }
    })
}

/// "Don't suggest again": turns the suggestion off for this VM and closes the popover.
#[component]
pub fn DontSuggestAgain(namespace: String, vm_name: String) -> impl IntoView {
    let turn_off = switch_suggestion(use_client(), namespace, vm_name);
    let popover = use_popover_control();
    view! {
        <Button
            variant=ButtonVariant::Link
            small=true
            disabled=turn_off.pending()
            on_click=Callback::new(move |()| {
                turn_off
                    .dispatch_then(
                        false,
                        move |outcome| {
                            if let (Ok(()), Some(popover)) = (outcome, popover) {
                                popover.close.run(());
                            }
                        },
                    )
            })
        >
            "Don't suggest again"
        </Button>
        {move || refusal(turn_off.error())}
    }
}

/// On the VM page of a VM whose suggestion is off: says so, and offers to turn it on again.
#[component]
pub fn SuggestionOff(namespace: String, name: String) -> impl IntoView {
    let turn_on = switch_suggestion(use_client(), namespace, name);
    view! {
        <p class="wvm-muted wvm-suggestion-off" data-testid="suggestion-off">
            "VirtIO is not suggested for this VM: someone chose not to be told again. "
            <Button
                variant=ButtonVariant::InlineLink
                disabled=turn_on.pending()
                on_click=Callback::new(move |()| turn_on.dispatch(true))
            >
                "Suggest again"
            </Button>
        </p>
        {move || refusal(turn_on.error())}
    }
}
