//! The danger alert after a switch that Windows did not survive: the agent stayed away after
//! the restart, so the page offers to restore the snapshot taken before the switch, if one
//! was, or to put the previous interfaces back and restart.

use chrono::Utc;
use leptos::prelude::*;

use super::restore::SnapshotRestore;
use crate::api::workflows::{patch_then_restart, PatchError};
use crate::components::{Alert, AlertVariant, Button, ButtonVariant, ErrorAlert, Mutation};
use crate::context::{use_client, use_config};
use crate::logic::interface_switch::revert_patch;
use crate::logic::snapshots::switch_snapshot;
use crate::logic::switch_safety::boot_failure_suspected;
use crate::model::{ObjectRef, VirtualMachineInstance, VmObject};

/// How often the page looks again whether the agent is overdue.
const RECHECK_MS: u64 = 2000;

#[component]
pub fn BootFailureAlert(
    #[prop(into)] vm: Signal<VmObject>,
    #[prop(into)] vmi: Signal<Option<VirtualMachineInstance>>,
    namespace: String,
    name: String,
    restore: SnapshotRestore,
) -> impl IntoView {
    let client = use_client();
    let timeout = chrono::Duration::seconds(i64::from(use_config().agent_timeout_seconds));
    // Time passes without events: a clock makes the check run again.
    let now = RwSignal::new(Utc::now());
    if let Ok(handle) = set_interval_with_handle(
        move || now.set(Utc::now()),
        std::time::Duration::from_millis(RECHECK_MS),
    ) {
        on_cleanup(move || handle.clear());
    }
    let suspected = Memo::new(move |_| {
        boot_failure_suspected(&vm.read().raw, vmi.read().as_ref(), now.get(), timeout)
    });
    let revert = Mutation::new(move |()| {
        let (client, target) = (client.clone(), ObjectRef::new(&namespace, &name));
        let ops = revert_patch(&vm.get_untracked().raw);
        async move {
            let ops = ops.ok_or_else(|| "There is no recorded switch to revert.".to_owned())?;
            patch_then_restart(&client, &target, &ops)
                .await
                .map_err(|err| match err {
                    PatchError::NotSaved(err) => err.user_message(),
                    PatchError::SnapshotFailed(err) => err.user_message(),
                    PatchError::RestartFailed(err) => format!(
                        "The previous interfaces are back, but the restart failed: {}",
                        err.user_message()
                    ),
                    PatchError::ScheduleFailed(err) => err.user_message(&target.namespace),
                })
        }
    });
    let snapshot = Memo::new(move |_| switch_snapshot(&vm.read().raw));
    move || {
        suspected.get().then(|| view! {
            <section class="pf-v6-c-page__main-section">
                <Alert
                    variant=AlertVariant::Danger
                    test_id="boot-failure"
                    title="Windows may have failed to start after the interface switch"
                    actions=move || {
                        view! {
                            {move || {
                                snapshot
                                    .get()
                                    .map(|taken| {
                                        view! {
                                            <Button
                                                variant=ButtonVariant::Danger
                                                small=true
                                                disabled=restore.pending()
                                                on_click=Callback::new(move |()| restore.ask(taken.clone()))
                                            >
                                                "Restore snapshot"
                                            </Button>
                                        }
                                    })
                            }}
                            <Button
                                variant=ButtonVariant::Secondary
                                small=true
                                disabled=revert.pending()
                                on_click=Callback::new(move |()| revert.dispatch(()))
                            >
                                "Revert interface"
                            </Button>
                        }
                    }
                >
                    <p>
                        "The guest agent has not connected since the VM restarted with its new interfaces. Without the VirtIO "
                        "drivers Windows cannot start from a VirtIO disk (INACCESSIBLE_BOOT_DEVICE). Reverting puts the previous "
                        "interfaces back and restarts the VM."
                        {move || {
                            snapshot
                                .get()
                                .map(|taken| {
                                    format!(
                                        " Restoring the snapshot {taken}, taken before the switch was applied, brings back the whole VM as it was then, disks included.",
                                    )
                                })
                        }}
                    </p>
                </Alert>
                {move || {
                    revert
                        .error()
                        .map(|message| view! { <ErrorAlert title="Could not revert" message /> })
                }}
            </section>
        })
    }
}
