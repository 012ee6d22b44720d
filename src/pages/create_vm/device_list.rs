//! What the Networking and Storage steps share: a device row's Remove cell, and below the
//! list its problems and the button that opens the Add modal.

use leptos::prelude::*;

use super::Wizard;
use crate::logic::vm_draft::DraftField;

/// The last cell of a device row.
#[component]
pub fn RemoveCell(label: String, on_remove: Callback<()>) -> impl IntoView {
    view! {
        <td class="pf-v6-c-table__td pf-v6-c-table__action">
            <button type="button" class="pf-v6-c-button pf-m-link pf-m-danger" aria-label=label on:click=move |_| on_remove.run(())>
                <span class="pf-v6-c-button__text">"Remove"</span>
            </button>
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
        <button type="button" class="pf-v6-c-button pf-m-secondary wvm-add-device" on:click=move |_| adding.set(true)>
            <span class="pf-v6-c-button__text">{label}</span>
        </button>
        <Show when=move || adding.get()>
            {move || modal(wizard, Callback::new(move |()| adding.set(false)))}
        </Show>
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
                    {wizard.all_errors(field).into_iter().map(|message| view! {
                        <div class="pf-v6-c-helper-text__item pf-m-error">
                            <span class="pf-v6-c-helper-text__item-text">{message}</span>
                        </div>
                    }).collect_view()}
                </div>
            }
        })
    }
}
