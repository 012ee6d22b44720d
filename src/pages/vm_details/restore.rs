//! Restoring a VM from a snapshot, from the boot-failure alert or the snapshot list: asked
//! first (what was written since is lost), then stop, restore and start with each step shown,
//! and the outcome kept on the page after the alert that offered it is gone.

use chrono::Utc;
use leptos::prelude::*;

use crate::api::workflows::snapshots::{restore_snapshot, RestoreStep};
use crate::components::{Alert, AlertVariant, ConfirmModal, ErrorAlert, Mutation};
use crate::context::use_client;
use crate::logic::snapshots::timed_name;
use crate::model::ObjectRef;

/// The page's one restore: which snapshot is asked about, the step under way, the outcome.
#[derive(Clone, Copy)]
pub struct SnapshotRestore {
    asked: RwSignal<Option<String>>,
    step: RwSignal<Option<RestoreStep>>,
    restored: RwSignal<Option<String>>,
    run: Mutation<String, (), String>,
}

impl SnapshotRestore {
    pub fn new(vm: ObjectRef) -> Self {
        let client = use_client();
        let step = RwSignal::new(None);
        let run = Mutation::new(move |snapshot: String| {
            let (client, vm) = (client.clone(), vm.clone());
            async move {
                let restore = timed_name(&vm.name, "restore", Utc::now());
                let on_step = move |now| {
                    step.try_set(Some(now));
                };
                restore_snapshot(&client, &vm, &snapshot, &restore, on_step)
                    .await
                    .map_err(|error| error.user_message())
            }
        });
        Self {
            asked: RwSignal::new(None),
            step,
            restored: RwSignal::new(None),
            run,
        }
    }

    /// Asks whether to restore `snapshot`.
    pub fn ask(self, snapshot: String) {
        self.asked.set(Some(snapshot));
    }

    /// Whether a restore is under way.
    pub fn pending(self) -> Signal<bool> {
        self.run.pending()
    }

    fn start(self) {
        let Some(snapshot) = self.asked.get_untracked() else {
            return;
        };
        self.asked.set(None);
        self.restored.set(None);
        self.run.dispatch_then(snapshot.clone(), move |outcome| {
            self.step.set(None);
            if outcome.is_ok() {
                self.restored.set(Some(snapshot));
            }
        });
    }
}

/// The confirmation, the progress and the outcome of the page's restore.
#[component]
pub fn RestoreStatus(restore: SnapshotRestore) -> impl IntoView {
    let asked = move || restore.asked.get();
    view! {
        {move || {
            asked()
                .map(|snapshot| {
                    view! {
                        <ConfirmModal
                            title="Restore the snapshot?"
                            confirm_label="Stop, restore and start"
                            danger=true
                            pending=restore.pending()
                            on_confirm=Callback::new(move |()| restore.start())
                            on_cancel=Callback::new(move |()| restore.asked.set(None))
                        >
                            <p>
                                "The virtual machine is stopped, its disks and settings go back to the snapshot "
                                <strong>{snapshot.clone()}</strong>
                                ", and it starts again. Anything written in the guest since the snapshot is lost."
                            </p>
                        </ConfirmModal>
                    }
                })
        }}
        {move || {
            restore
                .step
                .get()
                .map(|step| {
                    view! {
                        <section class="pf-v6-c-page__main-section">
                            <Alert
                                variant=AlertVariant::Info
                                test_id="restore-progress"
                                title="Restoring the snapshot"
                            >
                                <p role="status">{step.label()}</p>
                            </Alert>
                        </section>
                    }
                })
        }}
        {move || {
            restore
                .restored
                .get()
                .map(|snapshot| {
                    view! {
                        <section class="pf-v6-c-page__main-section">
                            <Alert
                                variant=AlertVariant::Success
                                test_id="restore-done"
                                title="Snapshot restored"
                            >
                                <p>
                                    {format!(
                                        "The virtual machine is back as it was at the snapshot {snapshot}, and starting.",
                                    )}
                                </p>
                            </Alert>
                        </section>
                    }
                })
        }}
        {move || {
            restore
                .run
                .error()
                .map(|message| {
                    view! {
                        <section class="pf-v6-c-page__main-section">
                            <ErrorAlert title="Could not restore the snapshot" message />
                        </section>
                    }
                })
        }}
    }
}
