//! The wizard's Add NIC: the shared dialog (`pages::device_dialogs`) over the draft, adding the
//! NIC to the draft's NICs.

use leptos::prelude::*;

use super::Wizard;
use crate::logic::vm_draft::{suggested_nic, NicDraft};
use crate::pages::device_dialogs::AddNicDialog;

#[component]
pub fn NicModal(wizard: Wizard, on_close: Callback<()>) -> impl IntoView {
    let draft = wizard.draft;
    let attachments = Signal::derive(move || wizard.cluster.with(|c| c.attachments.clone()));
    let (os, others) = draft.with_untracked(|d| (d.os, d.nics.clone()));
    let initial = suggested_nic(
        &others,
        &attachments.get_untracked(),
        os.default_nic_model(),
    );
    let others = Signal::derive(move || draft.with(|d| d.nics.clone()));
    let on_submit = Callback::new(move |nic: NicDraft| {
        draft.update(|d| d.nics.push(nic));
        on_close.run(());
    });
    view! {
        <AddNicDialog
            windows=os.windows().is_some()
            others
            attachments
            initial
            on_submit
            on_cancel=on_close
        />
    }
}
