//! Switch interfaces for the VMs checked in the list: each read (a few at a time), what will
//! change per VM or why it is skipped, then saved for the next restart or saved and restarted
//! now, with each VM's result and Retry for the ones refused.

use std::collections::HashMap;

use chrono::Utc;
use leptos::prelude::*;
use leptos::task::spawn_local_scoped_with_cancellation;

use crate::api::workflows::bulk::{apply_all, read_all, ReadVm};
use crate::components::{
    Button, ButtonVariant, Checkbox, FocusStart, FormGroup, Modal, ModalSize, Mutation,
    SelectCaret, TableHead,
};
use crate::context::use_client;
use crate::logic::bulk_switch::{counts, plan, BulkOutcome, BulkPlan};
use crate::model::{DiskBus, ObjectRef};

const COLUMNS: &[&str] = &["Virtual machine", "What changes", "Result"];

fn key(target: &ObjectRef) -> String {
    format!("{}/{}", target.namespace, target.name)
}

#[component]
pub fn BulkSwitchDialog(targets: Vec<ObjectRef>, on_close: Callback<()>) -> impl IntoView {
    let client = use_client();
    let total = targets.len();
    let read = RwSignal::new(Vec::<(ObjectRef, ReadVm)>::new());
    let disk_bus = RwSignal::new(DiskBus::Virtio);
    let outcomes = RwSignal::new(HashMap::<String, BulkOutcome>::new());
    let restart_now = RwSignal::new(false);
    {
        let client = client.clone();
        spawn_local_scoped_with_cancellation(async move {
            read_all(&client, targets, |target, answer| {
                read.update(|r| r.push((target, answer)));
            })
            .await;
        });
    }
    let loaded = move || read.with(Vec::len) == total;
    // Read in any order, shown by name.
    let plans = Memo::new(move |_| {
        let now = Utc::now();
        let bus = disk_bus.get();
        let mut plans: Vec<(ObjectRef, Result<BulkPlan, String>)> = read.with(|read| {
            read.iter()
                .map(|(target, answer)| {
                    let planned = answer
                        .as_ref()
                        .map(|(vm, agent)| plan(vm, *agent, bus, now))
                        .map_err(|error| format!("Could not be read: {}", error.user_message()));
                    (target.clone(), planned)
                })
                .collect()
        });
        plans.sort_by(|a, b| a.0.cmp(&b.0));
        plans
    });
    let apply = Mutation::new(
        move |(patches, restart): (Vec<(ObjectRef, serde_json::Value)>, bool)| {
            let client = client.clone();
            async move {
                apply_all(&client, patches, restart, |target, outcome| {
                    outcomes.update(|o| {
                        o.insert(key(&target), outcome);
                    });
                })
                .await;
                Ok::<(), ()>(())
            }
        },
    );
    // Every VM to switch that has no result yet, or (`retry`) whose refusal may pass now.
    let run = move |retry: bool| {
        let patches: Vec<_> = plans.with(|plans| {
            outcomes.with(|done| {
                plans
                    .iter()
                    .filter_map(|(target, planned)| match planned {
                        Ok(BulkPlan::Switch { ops, .. }) => Some((target, ops)),
                        _ => None,
                    })
                    .filter(|(target, _)| match done.get(&key(target)) {
                        None => !retry,
                        Some(outcome) => retry && outcome.retryable(),
                    })
                    .map(|(target, ops)| (target.clone(), ops.clone()))
                    .collect()
            })
        });
        if !patches.is_empty() {
            apply.dispatch((patches, restart_now.get_untracked()));
        }
    };
    // Without cloning the plans (and their patches) on each look.
    let switching = move || plans.with(|p| counts(p.iter().filter_map(|(_, p)| p.as_ref().ok())).0);
    let applied = move || outcomes.with(|o| !o.is_empty());
    let retryable = move || outcomes.with(|o| o.values().any(BulkOutcome::retryable));
    view! {
        <Modal
            title="Switch interfaces"
            description=format!("{total} selected virtual machines")
            size=ModalSize::Large
            focus=FocusStart::Dialog
            on_close
        >
            <div class="pf-v6-c-modal-box__body wvm-bulk" data-testid="bulk-switch">
                <p role="status" data-testid="bulk-summary">
                    {move || {
                        if !loaded() {
                            format!(
                                "Reading {} of {total} virtual machines…",
                                read.with(Vec::len),
                            )
                        } else {
                            let (switch, skip) = (switching(), total - switching());
                            format!("{switch} will switch to VirtIO, {skip} skipped.")
                        }
                    }}
                </p>
                <div class="pf-v6-c-form wvm-bulk__options">
                    <FormGroup label="Disks on SATA move to" id="wvm-bulk-disk-bus">
                        <span class="pf-v6-c-form-control wvm-select">
                            <select
                                id="wvm-bulk-disk-bus"
                                disabled=applied
                                on:change=move |ev| {
                                    if let Some(bus) = DiskBus::from_api_value(
                                        &event_target_value(&ev),
                                    ) {
                                        disk_bus.set(bus);
                                    }
                                }
                            >
                                <option value="virtio" selected=true>
                                    "VirtIO"
                                </option>
                                <option value="scsi">"VirtIO-SCSI"</option>
                            </select>
                            <SelectCaret />
                        </span>
                    </FormGroup>
                    <p class="wvm-muted">
                        "NICs on e1000e move to VirtIO; CD-ROMs stay on SATA. Each VM is patched on its own, "
                        "and one that changed since it was read is left alone."
                    </p>
                </div>
                <table
                    class="pf-v6-c-table pf-m-compact pf-m-grid-md"
                    aria-label="Selected virtual machines"
                >
                    <TableHead columns=COLUMNS />
                    <tbody class="pf-v6-c-table__tbody">
                        {move || {
                            plans
                                .get()
                                .into_iter()
                                .map(|(target, planned)| {
                                    let result_key = key(&target);
                                    let (shown_key, row_key) = (
                                        result_key.clone(),
                                        result_key.clone(),
                                    );
                                    let (changes, skipped) = match planned {
                                        Ok(BulkPlan::Switch { changes, .. }) => {
                                            (changes.join(", "), false)
                                        }
                                        Ok(BulkPlan::Skip(reason)) => {
                                            (reason.label().to_owned(), true)
                                        }
                                        Err(message) => (message, true),
                                    };
                                    view! {
                                        <tr
                                            class="pf-v6-c-table__tr"
                                            class:wvm-muted=skipped
                                            data-testid="bulk-row"
                                            data-vm=row_key
                                        >
                                            <td class="pf-v6-c-table__td" data-label="Virtual machine">
                                                {shown_key}
                                            </td>
                                            <td class="pf-v6-c-table__td" data-label="What changes">
                                                {changes}
                                            </td>
                                            <td
                                                class="pf-v6-c-table__td"
                                                data-label="Result"
                                                data-testid="bulk-result"
                                            >
                                                {move || {
                                                    outcomes
                                                        .with(|o| o.get(&result_key).map(BulkOutcome::label))
                                                }}
                                            </td>
                                        </tr>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
                <Show when=move || loaded() && !applied()>
                    <Checkbox
                        id="wvm-bulk-restart"
                        label="Restart them now: each guest shuts down, and what is unsaved in it is lost"
                        checked=restart_now
                        on_change=Callback::new(move |on| restart_now.set(on))
                    />
                </Show>
            </div>
            <footer class="pf-v6-c-modal-box__footer">
                <Show
                    when=move || !applied()
                    fallback=move || {
                        view! {
                            <Show when=retryable>
                                <Button
                                    variant=ButtonVariant::Secondary
                                    disabled=apply.pending()
                                    on_click=Callback::new(move |()| run(true))
                                >
                                    "Retry refused"
                                </Button>
                            </Show>
                            <Button
                                variant=ButtonVariant::Primary
                                disabled=apply.pending()
                                on_click=on_close
                            >
                                "Close"
                            </Button>
                        }
                    }
                >
                    <Button
                        variant=ButtonVariant::Primary
                        disabled=Signal::derive(move || {
                            !loaded() || switching() == 0 || apply.pending().get()
                        })
                        on_click=Callback::new(move |()| run(false))
                    >
                        {move || {
                            if restart_now.get() {
                                "Save and restart"
                            } else {
                                "Save for the next restart"
                            }
                        }}
                    </Button>
                    <Button variant=ButtonVariant::Link on_click=on_close>
                        "Cancel"
                    </Button>
                </Show>
            </footer>
        </Modal>
    }
}
