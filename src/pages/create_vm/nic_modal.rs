//! The Add NIC modal: name, network and model; for Windows the model starts at e1000e and the
//! driver banner explains why.

use leptos::prelude::*;

use super::driver_banner::DriverBanner;
use super::Wizard;
use crate::components::{FormGroup, FormModal, SelectCaret};
use crate::logic::driver_notes::{NIC_BANNER_BODY, NIC_BANNER_TITLE, NIC_VIRTIO_CHOSEN};
use crate::logic::vm_draft::{check_nic, NetworkChoice, NicDraft, NicModel};

const POD: &str = "pod";

#[component]
pub fn NicModal(wizard: Wizard, on_close: Callback<()>) -> impl IntoView {
    let draft = wizard.draft;
    let (os, taken) = draft.with_untracked(|d| (d.os, d.nics.len()));
    let pod_free =
        draft.with_untracked(|d| !d.nics.iter().any(|n| n.network == NetworkChoice::Pod));
    let attachments = move || wizard.cluster.get().attachments;
    let first_attachment = attachments().into_iter().next();
    let nic = RwSignal::new(NicDraft {
        name: format!("nic-{}", taken + 1),
        network: match (pod_free, first_attachment) {
            (false, Some(attachment)) => NetworkChoice::Multus { attachment },
            _ => NetworkChoice::Pod,
        },
        model: os.default_nic_model(),
    });
    let problem = RwSignal::new(None::<String>);
    let on_submit = Callback::new(move |()| {
        let candidate = nic.get_untracked();
        let result =
            draft.with_untracked(|d| check_nic(&candidate, &d.nics.iter().collect::<Vec<_>>()));
        match result {
            Ok(()) => {
                draft.update(|d| d.nics.push(candidate));
                on_close.run(());
            }
            Err(message) => problem.set(Some(message)),
        }
    });
    let network_value = move || match &nic.read().network {
        NetworkChoice::Pod => POD.to_owned(),
        NetworkChoice::Multus { attachment } => attachment.clone(),
    };
    let windows = os.windows().is_some();
    view! {
        <FormModal title="Add network interface" title_id="wvm-add-nic-title" submit_label="Add" on_submit on_cancel=on_close>
            {windows.then(|| view! {
                <DriverBanner title=NIC_BANNER_TITLE body=NIC_BANNER_BODY virtio_chosen=NIC_VIRTIO_CHOSEN
                    warn=Signal::derive(move || nic.read().model == NicModel::Virtio) test_id="nic-driver-banner" />
            })}
            <FormGroup id="nic-name" label="Name" required=true error=problem>
                <span class="pf-v6-c-form-control" class:pf-m-error=move || problem.get().is_some()>
                    <input id="nic-name" type="text" autocomplete="off" prop:value=move || nic.read().name.clone()
                        on:input=move |ev| { nic.update(|n| n.name = event_target_value(&ev)); problem.set(None); } />
                </span>
            </FormGroup>
            <FormGroup id="nic-network" label="Network" required=true>
                <span class="pf-v6-c-form-control wvm-select">
                    <select id="nic-network" prop:value=network_value
                        on:change=move |ev| {
                            let value = event_target_value(&ev);
                            nic.update(|n| n.network = if value == POD { NetworkChoice::Pod } else { NetworkChoice::Multus { attachment: value } });
                            problem.set(None);
                        }>
                        <option value=POD selected=move || network_value() == POD>"Pod network"</option>
                        {move || attachments().into_iter().map(|name| {
                            let (selected, label) = (name.clone(), name.clone());
                            view! { <option value=name selected=move || network_value() == selected>{label}</option> }
                        }).collect_view()}
                    </select><SelectCaret />
                </span>
            </FormGroup>
            <FormGroup id="nic-model" label="Model" required=true>
                <span class="pf-v6-c-form-control wvm-select">
                    <select id="nic-model" prop:value=move || nic.read().model.api_value()
                        on:change=move |ev| {
                            if let Some(model) = NicModel::from_api_value(&event_target_value(&ev)) {
                                nic.update(|n| n.model = model);
                            }
                        }>
                        {NicModel::ALL.into_iter().map(|model| view! {
                            <option value=model.api_value() selected=move || nic.read().model == model>{model.label()}</option>
                        }).collect_view()}
                    </select><SelectCaret />
                </span>
            </FormGroup>
        </FormModal>
    }
}
