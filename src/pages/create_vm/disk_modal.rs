//! The wizard's Add disk: the shared dialog (`pages::device_dialogs`) over the draft, adding the
//! disk to the draft's extra disks.

use leptos::prelude::*;

use super::Wizard;
use crate::logic::vm_draft::{DiskDraft, DiskSource};
use crate::pages::device_dialogs::AddDiskDialog;

#[component]
pub fn DiskModal(wizard: Wizard, on_close: Callback<()>) -> impl IntoView {
    let draft = wizard.draft;
    let (os, count) = draft.with_untracked(|d| (d.os, d.extra_disks.len()));
    let initial = DiskDraft {
        name: format!("disk-{}", count + 1),
        source: DiskSource::Blank,
        size_gib: 10,
        bus: os.default_disk_bus(),
    };
    // The wizard's own names (rootdisk, …) are refused by `check_disk` itself.
    let taken = Signal::derive(move || {
        draft.with(|d| d.extra_disks.iter().map(|d| d.name.clone()).collect())
    });
    let namespace = Signal::derive(move || draft.with(|d| d.namespace.clone()));
    let on_submit = Callback::new(move |disk: DiskDraft| {
        draft.update(|d| d.extra_disks.push(disk));
        on_close.run(());
    });
    view! {
        <AddDiskDialog
            windows=os.windows().is_some()
            taken
            cluster=wizard.cluster
            namespace
            initial
            on_submit
            on_cancel=on_close
        />
    }
}
