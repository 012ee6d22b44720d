//! The Add network interface dialog: name, network and model; for Windows the model starts at
//! e1000e and the driver banner explains why.

use leptos::prelude::*;

use super::{checked_submit, DialogFooterNotes, DriverBanner};
use crate::components::{FormGroup, FormModal, SelectCaret};
use crate::logic::driver_notes::{NIC_BANNER_BODY, NIC_BANNER_TITLE, NIC_VIRTIO_CHOSEN};
use crate::logic::vm_draft::{check_nic, NetworkChoice, NicDraft, NicModel};

const POD: &str = "pod";

#[component]
pub fn AddNicDialog(
    /// Whether the VM runs Windows (then the driver banner shows).
    windows: bool,
    /// The VM's other NICs: their names and the pod network are taken.
    #[prop(into)]
    others: Signal<Vec<NicDraft>>,
    /// The secondary networks (NetworkAttachmentDefinitions) of the VM's namespace.
    #[prop(into)]
    attachments: Signal<Vec<String>>,
    /// The NIC the form starts with.
    initial: NicDraft,
    /// Called with the checked NIC; the caller closes the dialog when it is added.
    on_submit: Callback<NicDraft>,
    on_cancel: Callback<()>,
    /// Why the caller could not add it (the server refused), shown in the dialog.
    #[prop(optional, into)]
    failure: MaybeProp<String>,
    /// While the caller is adding it: a second submit is ignored.
    #[prop(optional, into)]
    pending: MaybeProp<bool>,
    /// A note for the foot of the form.
    #[prop(optional)]
    note: Option<&'static str>,
) -> impl IntoView {
    let nic = RwSignal::new(initial);
    let problem = RwSignal::new(None::<String>);
    let check = move |candidate: &NicDraft| {
        others.with_untracked(|o| check_nic(candidate, &o.iter().collect::<Vec<_>>()))
    };
    let on_submit = checked_submit(nic, pending, problem, check, on_submit);
    let network_value = move || match &nic.read().network {
        NetworkChoice::Pod => POD.to_owned(),
        NetworkChoice::Multus { attachment } => attachment.clone(),
    };
    view! {
        <FormModal
            title="Add network interface"
            title_id="wvm-add-nic-title"
            submit_label="Add"
            on_submit
            on_cancel
        >
            {windows
                .then(|| {
                    view! {
                        <DriverBanner
                            title=NIC_BANNER_TITLE
                            body=NIC_BANNER_BODY
                            virtio_chosen=NIC_VIRTIO_CHOSEN
                            warn=Signal::derive(move || nic.read().model == NicModel::Virtio)
                            test_id="nic-driver-banner"
                        />
                    }
                })}
            <FormGroup id="nic-name" label="Name" required=true error=problem>
                <span class="pf-v6-c-form-control" class:pf-m-error=move || problem.get().is_some()>
                    <input
                        id="nic-name"
                        type="text"
                        autocomplete="off"
                        prop:value=move || nic.read().name.clone()
                        on:input=move |ev| {
                            nic.update(|n| n.name = event_target_value(&ev));
                            problem.set(None);
                        }
                    />
                </span>
            </FormGroup>
            <FormGroup id="nic-network" label="Network" required=true>
                <span class="pf-v6-c-form-control wvm-select">
                    <select
                        id="nic-network"
                        prop:value=network_value
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            nic.update(|n| {
                                n.network = if value == POD {
                                    NetworkChoice::Pod
                                } else {
                                    NetworkChoice::Multus {
                                        attachment: value,
                                    }
                                };
                            });
                            problem.set(None);
                        }
                    >
                        <option value=POD selected=move || network_value() == POD>
                            "Pod network"
                        </option>
                        {move || {
                            attachments
                                .get()
                                .into_iter()
                                .map(|name| {
                                    let (selected, label) = (name.clone(), name.clone());
                                    view! {
                                        <option
                                            value=name
                                            selected=move || network_value() == selected
                                        >
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()
                        }}
                    </select>
                    <SelectCaret />
                </span>
            </FormGroup>
            <FormGroup id="nic-model" label="Model" required=true>
                <span class="pf-v6-c-form-control wvm-select">
                    <select
                        id="nic-model"
                        prop:value=move || nic.read().model.api_value()
                        on:change=move |ev| {
                            if let Some(model) = NicModel::from_api_value(
                                &event_target_value(&ev),
                            ) {
                                nic.update(|n| n.model = model);
                            }
                        }
                    >
                        {NicModel::ALL
                            .into_iter()
                            .map(|model| {
                                view! {
                                    <option
                                        value=model.api_value()
                                        selected=move || nic.read().model == model
                                    >
                                        {model.label()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <SelectCaret />
                </span>
            </FormGroup>
            <DialogFooterNotes failure failure_title="Could not add the network interface" note />
        </FormModal>
    }
}
