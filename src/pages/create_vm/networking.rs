//! The Networking step: the VM's NICs (one on the pod network to start with) and Add NIC.

use leptos::prelude::*;

use super::nic_modal::NicModal;
use super::Wizard;
use crate::logic::vm_draft::DraftField;

#[component]
pub fn NetworkingStep(wizard: Wizard) -> impl IntoView {
    let draft = wizard.draft;
    let adding = RwSignal::new(false);
    let remove = move |index: usize| {
        draft.update(|d| {
            if index < d.nics.len() {
                d.nics.remove(index);
            }
        })
    };
    view! {
        <p class="wvm-step-intro">"Network interfaces of the VM. The pod network puts it beside the namespace's pods; a secondary network attaches it to a NetworkAttachmentDefinition."</p>
        <table class="pf-v6-c-table pf-m-compact pf-m-grid-md" aria-label="Network interfaces">
            <thead class="pf-v6-c-table__thead"><tr class="pf-v6-c-table__tr">
                <th class="pf-v6-c-table__th" scope="col">"Name"</th>
                <th class="pf-v6-c-table__th" scope="col">"Model"</th>
                <th class="pf-v6-c-table__th" scope="col">"Network"</th>
                <th class="pf-v6-c-table__th" scope="col"><span class="pf-v6-screen-reader">"Actions"</span></th>
            </tr></thead>
            <tbody class="pf-v6-c-table__tbody">
                {move || draft.read().nics.iter().cloned().enumerate().map(|(index, nic)| view! {
                    <tr class="pf-v6-c-table__tr">
                        <td class="pf-v6-c-table__td" data-label="Name">{nic.name.clone()}</td>
                        <td class="pf-v6-c-table__td" data-label="Model">{nic.model.label()}</td>
                        <td class="pf-v6-c-table__td" data-label="Network">{nic.network.label()}</td>
                        <td class="pf-v6-c-table__td pf-v6-c-table__action">
                            <button type="button" class="pf-v6-c-button pf-m-link pf-m-danger"
                                aria-label=format!("Remove NIC {}", nic.name) on:click=move |_| remove(index)>
                                <span class="pf-v6-c-button__text">"Remove"</span>
                            </button>
                        </td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <DeviceProblems wizard field=DraftField::Nics />
        <button type="button" class="pf-v6-c-button pf-m-secondary wvm-add-device" on:click=move |_| adding.set(true)>
            <span class="pf-v6-c-button__text">"Add network interface"</span>
        </button>
        <Show when=move || adding.get()>
            <NicModal wizard on_close=Callback::new(move |()| adding.set(false)) />
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
