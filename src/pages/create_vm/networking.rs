//! The Networking step: the VM's NICs (one on the pod network to start with), Add NIC, and
//! for Windows a Service to reach its Remote Desktop.

use leptos::prelude::*;

use super::device_list::{AddDevice, RemoveCell};
use super::nic_modal::NicModal;
use super::Wizard;
use crate::logic::remote_desktop::ServiceKind;
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
        <Show when=move || draft.read().is_windows()>
            <RemoteDesktopChoice wizard />
        </Show>
    }
}

/// Whether to make a Service to the VM's RDP port with the VM, and which kind.
#[component]
fn RemoteDesktopChoice(wizard: Wizard) -> impl IntoView {
    let draft = wizard.draft;
    let options: [(Option<ServiceKind>, &str, &str, &str); 3] = [
        (
            None,
            "none",
            "No Service",
            "Create one later from the VM's page, if needed.",
        ),
        (
            Some(ServiceKind::ClusterIp),
            "cluster-ip",
            "ClusterIP",
            "From inside the cluster: your pods, or a VPN or port-forward into it.",
        ),
        (
            Some(ServiceKind::NodePort),
            "node-port",
            "NodePort",
            "From outside the cluster, on a port of the node's address.",
        ),
    ];
    view! {
        <fieldset class="wvm-rdp-choice" data-testid="rdp-service-choice">
            <legend class="pf-v6-c-title pf-m-md">"Remote Desktop"</legend>
            <p class="wvm-muted">
                "A Service to port 3389 of the VM, made with it, so an RDP client can connect. "
                "A generated answer file then turns Remote Desktop on in Windows."
            </p>
            {options
                .into_iter()
                .map(|(kind, id, label, description)| {
                    let id = format!("vm-rdp-{id}");
                    view! {
                        <div class="pf-v6-c-radio">
                            <input
                                class="pf-v6-c-radio__input"
                                type="radio"
                                name="vm-rdp-service"
                                id=id.clone()
                                prop:checked=move || draft.read().rdp_service == kind
                                on:change=move |_| draft.update(|d| d.set_rdp_service(kind))
                            />
                            <label class="pf-v6-c-radio__label" for=id>
                                {label}
                            </label>
                            <span class="pf-v6-c-radio__description">{description}</span>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
