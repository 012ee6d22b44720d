//! What the Networking and Storage steps share: a device row's Remove cell, and below the
//! list its problems and the button that opens the Add modal.

use leptos::prelude::*;

use crate::components::{Button, ButtonVariant};

use super::Wizard;
use crate::logic::vm_draft::DraftField;

/// The last cell of a device row.
#[component]
pub fn RemoveCell(label: String, on_remove: Callback<()>) -> impl IntoView {
    view! {
        <td class="pf-v6-c-table__td pf-v6-c-table__action">
            <Button variant=ButtonVariant::DangerLink aria_label=label on_click=on_remove>
                "Remove"
            </Button>
        </td>
    }
}

/// The device problems of `field`, and `label` opening the modal `modal` makes (given the
/// callback that closes it).
#[component]
pub fn AddDevice(
    wizard: Wizard,
    field: DraftField,
    label: &'static str,
    modal: fn(Wizard, Callback<()>) -> AnyView,
) -> impl IntoView {
    let adding = RwSignal::new(false);
    view! {
        <DeviceProblems wizard field />
        <Button
            variant=ButtonVariant::Secondary
            class="wvm-add-device"
            on_click=Callback::new(move |()| adding.set(true))
        >
            {label}
        </Button>
        <Show when=move || {
            adding.get()
        }>{move || modal(wizard, Callback::new(move |()| adding.set(false)))}</Show>
    }
}

/// The problems of a step's devices, once the user tried to move on.
#[component]
pub fn DeviceProblems(wizard: Wizard, field: DraftField) -> impl IntoView {
    let shown = wizard.error(field);
    move || {
        shown.get().map(|_| {
            view! {
                <div class="pf-v6-c-helper-text wvm-device-problems" role="alert">
                    {wizard
                        .all_errors(field)
                        .into_iter()
                        .map(|message| {
                            view! {
                                <div class="pf-v6-c-helper-text__item pf-m-error">
                                    <span class="pf-v6-c-helper-text__item-text">{message}</span>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            }
        })
    }
}
