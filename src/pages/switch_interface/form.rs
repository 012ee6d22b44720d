//! The dialog's form: the devices with their dropdowns, the boot-disk safety check, and the
//! ways to apply (save for the next restart, or save and restart now after a confirmation).

use leptos::prelude::*;

use chrono::{DateTime, Utc};

use super::device_rows::DeviceRows;
use super::schedule_fields::ScheduleFields;
use super::SwitchTarget;
use crate::api::config::AppConfig;
use crate::api::{self, ApiClient};
use crate::components::icons::{Icon, IconKind};
use crate::components::ErrorAlert;
use crate::logic::interface_switch::{
    disk_choices, moves_boot_disk_off_sata, nic_choices, switch_patch, DISK_BUSES, NIC_MODELS,
};
use crate::logic::restart_schedule::RestartRequest;
use crate::logic::schedule_time::schedule_time;
use crate::pages::browser_zone::{local_date_after, zone_name, BrowserZone};

/// Where the form is: choosing, confirming a restart now, or choosing when to restart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    Choose,
    ConfirmRestart,
    Schedule,
}

/// How the user applies the change.
#[derive(Clone, Debug, PartialEq)]
enum Apply {
    /// At the next restart; the VM shows "Restart required" until then.
    Save,
    /// Now: save, then restart the VM.
    SaveAndRestart,
    /// Save, then schedule the restart in the cluster.
    SaveAndSchedule(DateTime<Utc>, String),
}

#[component]
pub fn SwitchForm(
    target: SwitchTarget,
    namespace: String,
    name: String,
    on_close: Callback<()>,
) -> impl IntoView {
    let client = expect_context::<ApiClient>();
    let devices = &target.vm.vm.spec.template.spec.domain.devices;
    let agent = target.agent_connected;
    let running = target.running;
    let disks = RwSignal::new(disk_choices(&devices.disks, agent));
    let nics = RwSignal::new(nic_choices(&devices.interfaces, agent));
    let seen = target.vm.raw;
    let vm = target.vm.vm.clone();
    let config = expect_context::<AppConfig>();
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
    let stage = RwSignal::new(Stage::Choose);
    let boot_confirmed = RwSignal::new(false);
    let failure = RwSignal::new(None::<(String, String)>);
    let saved = RwSignal::new(false);
    let changed = Memo::new(move |_| {
        disks
            .read()
            .iter()
            .chain(nics.read().iter())
            .any(|c| c.changed())
    });
    // Without the agent nobody knows that Windows has the VirtIO storage driver.
    let needs_boot_confirmation =
        Memo::new(move |_| !agent && moves_boot_disk_off_sata(&disks.read()));
    let ready = move || changed.get() && (!needs_boot_confirmation.get() || boot_confirmed.get());

    let apply = Action::new_local(move |how: &Apply| {
        let (client, namespace, name, how) =
            (client.clone(), namespace.clone(), name.clone(), how.clone());
        let (vm, image) = (vm.clone(), config.restart_job_image.clone());
        // Built from the VM as the dialog read it: the guards refuse it if it changed since.
        let ops = switch_patch(
            &seen,
            &disks.get_untracked(),
            &nics.get_untracked(),
            Utc::now(),
        );
        async move {
            let ops = ops.map_err(|problem| ("Nothing to save".to_owned(), problem.to_string()))?;
            api::vms::patch(&client, &namespace, &name, &ops)
                .await
                .map_err(|err| ("Could not save the switch".to_owned(), err.user_message()))?;
            saved.set(true);
            match how {
                Apply::Save => {}
                Apply::SaveAndRestart => {
                    api::vms::act(&client, &namespace, &name, "restart")
                        .await
                        .map_err(|err| {
                            (
                                "Saved, but the restart failed".to_owned(),
                                format!(
                                    "The switch applies at the next restart. {}",
                                    err.user_message()
                                ),
                            )
                        })?;
                }
                Apply::SaveAndSchedule(when, note) => {
                    let request = RestartRequest {
                        when,
                        time_zone: zone_name(),
                        note,
                        created_by: api::schedules::who_am_i(&client).await,
                        image,
                        reason: "Apply the interface switch".to_owned(),
                    };
                    api::schedules::schedule_restart(&client, &vm, &request)
                        .await
                        .map_err(|err| {
                            (
                                "Saved, but the restart could not be scheduled".to_owned(),
                                format!(
                                    "The switch applies at the next restart. {}",
                                    err.user_message(&namespace)
                                ),
                            )
                        })?;
                }
            }
            Ok(())
        }
    });
    Effect::new(move |_| match apply.value().get() {
        Some(Ok(())) => on_close.run(()),
        Some(Err(problem)) => {
            stage.set(Stage::Choose);
            failure.set(Some(problem));
        }
        None => {}
    });
    let run = move |how: Apply| {
        failure.set(None);
        apply.dispatch(how);
    };

    view! {
        <div class="pf-v6-c-modal-box__body wvm-switch">
            <Show when=move || stage.get() == Stage::Choose>
                <p>"VirtIO disks and network cards are much faster than the emulated SATA and e1000e devices Windows starts with. "
                   "Windows can use them once the VirtIO drivers from the guest tools are installed. CD-ROMs stay on SATA."</p>
                {if agent {
                    view! { <p class="wvm-muted">"The guest agent is connected, so the guest tools are installed: VirtIO is preselected."</p> }.into_any()
                } else {
                    view! {
                        <div class="pf-v6-c-alert pf-m-inline pf-m-warning" data-testid="switch-no-agent">
                            <div class="pf-v6-c-alert__icon"><Icon kind=IconKind::ExclamationTriangle /></div>
                            <p class="pf-v6-c-alert__title"><span class="pf-v6-screen-reader">"Warning alert:"</span>"The guest agent has not connected"</p>
                            <div class="pf-v6-c-alert__description"><p>
                                "So the guest tools may not be installed. If Windows lacks the VirtIO storage driver, a boot disk on VirtIO "
                                "makes it fail to start (INACCESSIBLE_BOOT_DEVICE)."
                            </p></div>
                        </div>
                    }.into_any()
                }}
                <h2 class="pf-v6-c-title pf-m-md wvm-switch__heading">"Disks"</h2>
                <DeviceRows label="Disks" column="Interface" options=&DISK_BUSES choices=disks />
                <h2 class="pf-v6-c-title pf-m-md wvm-switch__heading">"Network interfaces"</h2>
                <DeviceRows label="Network interfaces" column="Model" options=&NIC_MODELS choices=nics />
                <Show when=move || needs_boot_confirmation.get()>
                    <div class="pf-v6-c-check wvm-switch__confirm">
                        <input class="pf-v6-c-check__input" type="checkbox" id="wvm-switch-boot-confirm"
                            prop:checked=move || boot_confirmed.get()
                            on:change=move |ev| boot_confirmed.set(event_target_checked(&ev)) />
                        <label class="pf-v6-c-check__label" for="wvm-switch-boot-confirm">
                            "The VirtIO drivers are installed in Windows: switch the boot disk anyway"
                        </label>
                    </div>
                </Show>
                <p class="wvm-muted wvm-switch__when">
                    {if running {
                        "Save keeps the VM running: the switch applies at its next restart. Save and restart now restarts the guest at once."
                    } else {
                        "The VM is not running: the switch applies when it next starts."
                    }}
                </p>
            </Show>
            <Show when=move || stage.get() == Stage::Schedule>
                <ScheduleFields date time note zone=zone.clone() checked=when />
            </Show>
            <Show when=move || stage.get() == Stage::ConfirmRestart>
                <div data-testid="switch-confirm-restart">
                    <p><strong>"Restart the virtual machine now?"</strong></p>
                    <p>"The guest will be restarted: Windows shuts down and anything unsaved in it is lost. "
                       "It comes back with the new interfaces."</p>
                </div>
            </Show>
            {move || failure.get().map(|(title, message)| view! { <ErrorAlert title message /> })}
        </div>
        <footer class="pf-v6-c-modal-box__footer">
            {move || match (saved.get(), stage.get()) {
                (true, _) => view! {
                    <button class="pf-v6-c-button pf-m-primary" type="button" on:click=move |_| on_close.run(())>
                        <span class="pf-v6-c-button__text">"Close"</span>
                    </button>
                }.into_any(),
                (false, Stage::Choose) => view! {
                    <button class="pf-v6-c-button pf-m-primary" type="button"
                        disabled=move || !ready() || apply.pending().get() on:click=move |_| run(Apply::Save)>
                        <span class="pf-v6-c-button__text">"Save"</span>
                    </button>
                    {running.then(|| view! {
                        <button class="pf-v6-c-button pf-m-secondary" type="button"
                            disabled=move || !ready() || apply.pending().get()
                            on:click=move |_| { failure.set(None); stage.set(Stage::ConfirmRestart) }>
                            <span class="pf-v6-c-button__text">"Save and restart now"</span>
                        </button>
                        <button class="pf-v6-c-button pf-m-secondary" type="button"
                            disabled=move || !ready() || apply.pending().get()
                            on:click=move |_| { failure.set(None); stage.set(Stage::Schedule) }>
                            <span class="pf-v6-c-button__text">"Save and schedule…"</span>
                        </button>
                    })}
                    <button class="pf-v6-c-button pf-m-link" type="button" on:click=move |_| on_close.run(())>
                        <span class="pf-v6-c-button__text">"Cancel"</span>
                    </button>
                }.into_any(),
                (false, Stage::Schedule) => view! {
                    <button class="pf-v6-c-button pf-m-primary" type="button"
                        disabled=move || when.get().is_err() || apply.pending().get()
                        on:click=move |_| {
                            if let Ok(at) = when.get_untracked() {
                                run(Apply::SaveAndSchedule(at.utc, note.get_untracked()));
                            }
                        }>
                        <span class="pf-v6-c-button__text">"Save and schedule"</span>
                    </button>
                    <button class="pf-v6-c-button pf-m-link" type="button" on:click=move |_| stage.set(Stage::Choose)>
                        <span class="pf-v6-c-button__text">"Back"</span>
                    </button>
                }.into_any(),
                (false, Stage::ConfirmRestart) => view! {
                    <button class="pf-v6-c-button pf-m-warning" type="button"
                        disabled=move || apply.pending().get() on:click=move |_| run(Apply::SaveAndRestart)>
                        <span class="pf-v6-c-button__text">"Save and restart"</span>
                    </button>
                    <button class="pf-v6-c-button pf-m-link" type="button" on:click=move |_| stage.set(Stage::Choose)>
                        <span class="pf-v6-c-button__text">"Back"</span>
                    </button>
                }.into_any(),
            }}
        </footer>
    }
}
