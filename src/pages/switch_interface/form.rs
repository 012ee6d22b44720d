//! The dialog's form: the devices with their dropdowns, the boot-disk safety check, and the
//! ways to apply (save for the next restart, or save and restart now after a confirmation, or
//! save and schedule). Its stages are `logic::switch_dialog`; applying is
//! `api::workflows::patch_then`.

use leptos::prelude::*;

use chrono::Utc;

use super::careful_fields::{SignOutWaitFields, SnapshotChoice};
use super::device_rows::DeviceRows;
use super::schedule_fields::ScheduleFields;
use super::signed_in::SignedInUsers;
use super::SwitchTarget;
use crate::api::workflows::{snapshot_then, FollowUp};
use crate::components::{Alert, AlertVariant, Button, ButtonVariant, ErrorAlert, Mutation};
use crate::context::{use_client, use_config};
use crate::logic::driver_notes::DISK_BUS_CHOICE;
use crate::logic::interface_switch::{
    disk_choices, moves_boot_disk_off_sata, nic_choices, switch_patch, DISK_BUSES, NIC_MODELS,
};
use crate::logic::restart_schedule::{RestartRequest, SignOutWait};
use crate::logic::schedule_time::schedule_time;
use crate::logic::snapshots::{record_snapshot_op, timed_name};
use crate::logic::switch_dialog::{Body, Failure, Footer, Plan, SwitchDialog};
use crate::model::ObjectRef;
use crate::pages::browser_zone::{local_date_after, zone_name, BrowserZone};

#[component]
pub fn SwitchForm(
    target: SwitchTarget,
    vm: ObjectRef,
    /// The dialog's stage, kept by the dialog so it will not close while a request is on its way.
    dialog: RwSignal<SwitchDialog>,
    on_close: Callback<()>,
) -> impl IntoView {
    let client = use_client();
    let devices = &target.vm.vm.spec.template.spec.domain.devices;
    let agent = target.agent_connected;
    let running_since = target.running_since;
    let running = target.running;
    let snapshots_served = target.snapshots_served;
    let disks = RwSignal::new(disk_choices(&devices.disks, agent));
    let nics = RwSignal::new(nic_choices(&devices.interfaces, agent));
    let seen = target.vm.raw;
    // Kept aside so the handlers below stay `Copy`.
    let typed = StoredValue::new(target.vm.vm.clone());
    let image = StoredValue::new(use_config().restart_job_image);
    let zone = zone_name();
    let date = RwSignal::new(local_date_after(1));
    let time = RwSignal::new("02:00".to_owned());
    let note = RwSignal::new(String::new());
    let when = Signal::derive(move || {
        schedule_time(
            &date.get(),
            &time.get(),
            &BrowserZone,
            &zone_name(),
            Utc::now(),
        )
    });
    let boot_confirmed = RwSignal::new(false);
    // A restart now signs out whoever works in the guest: they are named and confirmed first.
    let sign_out_confirmed = RwSignal::new(false);
    let sign_out_pending = RwSignal::new(false);
    let users_vm = StoredValue::new(vm.clone());
    // A snapshot first, by default when the boot disk moves (the change Windows may not survive).
    let snapshot_choice = RwSignal::new(None::<bool>);
    let sign_out_wait = RwSignal::new(false);
    let retry_minutes = RwSignal::new(15_u32);
    let give_up_hours = RwSignal::new(4_u32);
    let changed = Memo::new(move |_| {
        disks.read().iter().any(|c| c.changed()) || nics.read().iter().any(|c| c.changed())
    });
    // Without the agent nobody knows that Windows has the VirtIO storage driver.
    let needs_boot_confirmation =
        Memo::new(move |_| !agent && moves_boot_disk_off_sata(&disks.read()));
    let boot_disk_changes = Memo::new(move |_| disks.read().iter().any(|c| c.boots && c.changed()));
    let take_snapshot = Signal::derive(move || {
        snapshots_served && snapshot_choice.get().unwrap_or(boot_disk_changes.get())
    });
    let ready = move || {
        dialog.with(|d| {
            d.can_apply(
                changed.get(),
                !needs_boot_confirmation.get() || boot_confirmed.get(),
            )
        })
    };
    let busy = move || dialog.with(SwitchDialog::busy);

    // Takes (`now`) or names for the Job (`recorded`) the snapshot, then saves and follows up.
    let apply = Mutation::new(move |(follow_up, snapshot): (FollowUp, SnapshotPlan)| {
        let (client, target) = (client.clone(), vm.clone());
        // Built from the VM as the dialog read it: the guards refuse it if it changed since.
        let ops = switch_patch(
            &seen,
            &disks.get_untracked(),
            &nics.get_untracked(),
            Utc::now(),
        );
        async move {
            let mut ops = ops.map_err(|problem| Failure::nothing_to_save(&problem))?;
            if let (Some(name), Some(list)) = (&snapshot.recorded, ops.as_array_mut()) {
                list.push(record_snapshot_op(name));
            }
            let snapshot_ready = move || {
                dialog.try_update(SwitchDialog::snapshot_ready);
            };
            let stored = move || {
                dialog.try_update(SwitchDialog::stored);
            };
            snapshot_then(
                &client,
                &target,
                snapshot.now,
                &ops,
                follow_up,
                snapshot_ready,
                stored,
            )
            .await
            .map_err(|err| Failure::of(&err, &target.namespace))
        }
    });
    let vm_name = StoredValue::new(target.vm.vm.metadata.name.clone());
    let run = move |plan: Plan| {
        let snapshot = take_snapshot.get_untracked();
        let name_at =
            |at| snapshot.then(|| vm_name.with_value(|vm| timed_name(vm, "before-switch", at)));
        let (follow_up, snapshot) = match plan {
            Plan::Save => (FollowUp::Nothing, SnapshotPlan::now(name_at(Utc::now()))),
            Plan::SaveAndRestart => (FollowUp::Restart, SnapshotPlan::now(name_at(Utc::now()))),
            Plan::SaveAndSchedule => {
                let Ok(at) = when.get_untracked() else {
                    return;
                };
                let by_job = name_at(at.utc);
                let wait = sign_out_wait.get_untracked().then(|| SignOutWait {
                    retry_minutes: retry_minutes.get_untracked(),
                    deadline: at.utc
                        + chrono::Duration::hours(i64::from(give_up_hours.get_untracked())),
                });
                let follow_up = FollowUp::Schedule {
                    vm: Box::new(typed.get_value()),
                    request: RestartRequest {
                        when: at.utc,
                        time_zone: zone_name(),
                        note: note.get_untracked(),
                        created_by: None,
                        image: image.get_value(),
                        reason: "Apply the interface switch".to_owned(),
                        sign_out_wait: wait,
                        snapshot: by_job.clone(),
                        tell_in_events: false,
                    },
                };
                (
                    follow_up,
                    SnapshotPlan {
                        now: None,
                        recorded: by_job,
                    },
                )
            }
        };
        let snapshot_first = snapshot.now.is_some();
        if dialog.try_update(|d| d.submit(plan, snapshot_first)) == Some(true) {
            apply.dispatch_then((follow_up, snapshot), move |outcome| {
                dialog.update(|d| d.finished(outcome.clone()));
                if dialog.with_untracked(SwitchDialog::done) {
                    on_close.run(());
                }
            });
        }
    };
    let body = move || dialog.with(SwitchDialog::body);

    view! {
        <div class="pf-v6-c-modal-box__body wvm-switch">
            <Show when=move || body() == Body::Choices>
                <p>
                    "VirtIO disks and network cards are much faster than the emulated SATA and e1000e devices Windows starts with. "
                    "Windows can use them once the VirtIO drivers from the guest tools are installed. CD-ROMs stay on SATA."
                </p>
                {if agent {
                    view! {
                        <p class="wvm-muted">
                            "The guest agent is connected, so the guest tools are installed: VirtIO is preselected."
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <Alert
                            variant=AlertVariant::Warning
                            test_id="switch-no-agent"
                            title="The guest agent has not connected"
                        >
                            <p>
                                "So the guest tools may not be installed. If Windows lacks the VirtIO storage driver, a boot disk on VirtIO "
                                "makes it fail to start (INACCESSIBLE_BOOT_DEVICE)."
                            </p>
                        </Alert>
                    }
                        .into_any()
                }}
                <h2 class="pf-v6-c-title pf-m-md wvm-switch__heading">"Disks"</h2>
                <DeviceRows label="Disks" column="Interface" options=&DISK_BUSES choices=disks />
                <p class="wvm-muted wvm-switch__bus-choice" data-testid="disk-bus-choice">
                    {DISK_BUS_CHOICE}
                </p>
                <h2 class="pf-v6-c-title pf-m-md wvm-switch__heading">"Network interfaces"</h2>
                <DeviceRows
                    label="Network interfaces"
                    column="Model"
                    options=&NIC_MODELS
                    choices=nics
                />
                <Show when=move || needs_boot_confirmation.get()>
                    <div class="pf-v6-c-check wvm-switch__confirm">
                        <input
                            class="pf-v6-c-check__input"
                            type="checkbox"
                            id="wvm-switch-boot-confirm"
                            prop:checked=move || boot_confirmed.get()
                            on:change=move |ev| boot_confirmed.set(event_target_checked(&ev))
                        />
                        <label class="pf-v6-c-check__label" for="wvm-switch-boot-confirm">
                            "The VirtIO drivers are installed in Windows: switch the boot disk anyway"
                        </label>
                    </div>
                </Show>
                <SnapshotChoice
                    served=snapshots_served
                    checked=take_snapshot
                    on_change=Callback::new(move |on| snapshot_choice.set(Some(on)))
                />
                <p class="wvm-muted wvm-switch__when">
                    {if running {
                        "Save keeps the VM running: the switch applies at its next restart. Save and restart now restarts the guest at once."
                    } else {
                        "The VM is not running: the switch applies when it next starts."
                    }}
                </p>
            </Show>
            <Show when=move || body() == Body::Schedule>
                <ScheduleFields date time note zone=zone.clone() checked=when />
                <SignOutWaitFields enabled=sign_out_wait retry_minutes give_up_hours />
                <SignedInUsers vm=users_vm.get_value() agent running_since />
            </Show>
            <Show when=move || body() == Body::ConfirmRestart>
                <div data-testid="switch-confirm-restart">
                    <p>
                        <strong>"Restart the virtual machine now?"</strong>
                    </p>
                    <p>
                        "The guest will be restarted: Windows shuts down and anything unsaved in it is lost. "
                        "It comes back with the new interfaces."
                    </p>
                    <SignedInUsers
                        vm=users_vm.get_value()
                        agent
                        running_since
                        confirmed=sign_out_confirmed
                        needs_confirmation=sign_out_pending
                    />
                </div>
            </Show>
            <Show when=move || dialog.with(SwitchDialog::snapshotting)>
                <p
                    class="wvm-switch__progress"
                    role="status"
                    data-testid="switch-snapshot-progress"
                >
                    <span
                        class="pf-v6-c-spinner pf-m-md"
                        role="progressbar"
                        aria-label="Taking a snapshot"
                    ></span>
                    "Taking a snapshot of the virtual machine. The switch is saved once it is ready."
                </p>
            </Show>
            {move || {
                dialog
                    .with(|d| d.failure().cloned())
                    .map(|Failure { title, message, .. }| view! { <ErrorAlert title message /> })
            }}
        </div>
        <footer class="pf-v6-c-modal-box__footer">
            {move || match dialog.with(SwitchDialog::footer) {
                Footer::Close => {
                    view! {
                        <Button
                            variant=ButtonVariant::Primary
                            on_click=Callback::new(move |()| on_close.run(()))
                        >
                            "Close"
                        </Button>
                    }
                        .into_any()
                }
                Footer::Choices => {
                    view! {
                        <Button
                            variant=ButtonVariant::Primary
                            disabled=Signal::derive(move || !ready() || busy())
                            on_click=Callback::new(move |()| run(Plan::Save))
                        >
                            "Save"
                        </Button>
                        {running
                            .then(|| {
                                view! {
                                    <Button
                                        variant=ButtonVariant::Secondary
                                        disabled=Signal::derive(move || !ready() || busy())
                                        on_click=Callback::new(move |()| {
                                            dialog.update(SwitchDialog::ask_restart)
                                        })
                                    >
                                        "Save and restart now"
                                    </Button>
                                    <Button
                                        variant=ButtonVariant::Secondary
                                        disabled=Signal::derive(move || !ready() || busy())
                                        on_click=Callback::new(move |()| {
                                            dialog.update(SwitchDialog::pick_time)
                                        })
                                    >
                                        "Save and schedule…"
                                    </Button>
                                }
                            })}
                        <Button
                            variant=ButtonVariant::Link
                            on_click=Callback::new(move |()| on_close.run(()))
                        >
                            "Cancel"
                        </Button>
                    }
                        .into_any()
                }
                Footer::Schedule => {
                    view! {
                        <Button
                            variant=ButtonVariant::Primary
                            disabled=Signal::derive(move || when.get().is_err() || busy())
                            on_click=Callback::new(move |()| run(Plan::SaveAndSchedule))
                        >
                            "Save and schedule"
                        </Button>
                        <Button
                            variant=ButtonVariant::Link
                            on_click=Callback::new(move |()| dialog.update(SwitchDialog::back))
                        >
                            "Back"
                        </Button>
                    }
                        .into_any()
                }
                Footer::ConfirmRestart => {
                    view! {
                        <Button
                            variant=ButtonVariant::Warning
                            disabled=Signal::derive(move || busy() || sign_out_pending.get())
                            on_click=Callback::new(move |()| run(Plan::SaveAndRestart))
                        >
                            "Save and restart"
                        </Button>
                        <Button
                            variant=ButtonVariant::Link
                            on_click=Callback::new(move |()| dialog.update(SwitchDialog::back))
                        >
                            "Back"
                        </Button>
                    }
                        .into_any()
                }
            }}
        </footer>
    }
}

/// The snapshot of a switch: taken in the browser before saving (`now`), and recorded on the
/// VM with the switch (`recorded`; for a schedule, the one its Job takes).
#[derive(Clone, Debug, Default)]
struct SnapshotPlan {
    now: Option<String>,
    recorded: Option<String>,
}

impl SnapshotPlan {
    fn now(name: Option<String>) -> Self {
        Self {
            recorded: name.clone(),
            now: name,
        }
    }
}
