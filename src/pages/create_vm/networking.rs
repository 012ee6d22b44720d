//! The Networking step: the VM's NICs (one on the pod network to start with) and Add NIC.

use leptos::prelude::*;

use super::device_list::{AddDevice, RemoveCell};
use super::nic_modal::NicModal;
use super::Wizard;
use crate::logic::vm_draft::DraftField;

#[component]
pub fn NetworkingStep(wizard: Wizard) -> impl IntoView {
    let draft = wizard.draft;
    let remove = move |index: usize| {
        draft.update(|d| {
            if index < d.nics.len() {
                d.nics.remove(index);
            }
        })
    };
    view! {
        <p class="wvm-step-intro">
            "Network interfaces of the VM. The pod network puts it beside the namespace's pods; a secondary network attaches it to a NetworkAttachmentDefinition."
        </p>
        <table class="pf-v6-c-table pf-m-compact pf-m-grid-md" aria-label="Network interfaces">
            <thead class="pf-v6-c-table__thead">
                <tr class="pf-v6-c-table__tr">
                    <th class="pf-v6-c-table__th" scope="col">
                        "Name"
                    </th>
                    <th class="pf-v6-c-table__th" scope="col">
                        "Model"
                    </th>
                    <th class="pf-v6-c-table__th" scope="col">
                        "Network"
                    </th>
                    <th class="pf-v6-c-table__th" scope="col">
                        <span class="pf-v6-screen-reader">"Actions"</span>
                    </th>
                </tr>
            </thead>
            <tbody class="pf-v6-c-table__tbody">
                {move || {
                    draft
                        .read()
                        .nics
                        .iter()
                        .cloned()
                        .enumerate()
                        .map(|(index, nic)| {
                            view! {
                                <tr class="pf-v6-c-table__tr">
                                    <td class="pf-v6-c-table__td" data-label="Name">
                                        {nic.name.clone()}
                                    </td>
                                    <td class="pf-v6-c-table__td" data-label="Model">
                                        {nic.model.label()}
                                    </td>
                                    <td class="pf-v6-c-table__td" data-label="Network">
                                        {nic.network.label()}
                                    </td>
                                    <RemoveCell
                                        label=format!("Remove NIC {}", nic.name)
                                        on_remove=Callback::new(move |()| remove(index))
                                    />
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
        <AddDevice
            wizard
            field=DraftField::Nics
            label="Add network interface"
            modal=|wizard, on_close| view! { <NicModal wizard on_close /> }.into_any()
        />
    }
}
