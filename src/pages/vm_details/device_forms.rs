//! The VM page's own device dialogs: the confirmation that removes a device, and the form that
//! changes one disk's bus or one NIC's model (the Windows driver banner included).

use leptos::prelude::*;

use crate::components::icons::{Icon, IconKind};
use crate::components::{
    Alert, AlertVariant, ConfirmModal, ErrorAlert, FormGroup, FormModal, SelectCaret,
};
use crate::logic::driver_notes::{
    DISK_BANNER_BODY, DISK_BANNER_TITLE, DISK_VIRTIO_CHOSEN, NIC_BANNER_BODY, NIC_BANNER_TITLE,
    NIC_VIRTIO_CHOSEN,
};
use crate::logic::vm_draft::{DiskBus, NicModel};
use crate::pages::device_dialogs::DriverBanner;

/// Asks before removing the disk, CD-ROM or NIC `device` (with its volume or network).
#[component]
pub fn RemoveDevice(
    device: String,
    nic: bool,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    failure: Signal<Option<String>>,
    pending: Signal<bool>,
    note: Option<&'static str>,
) -> impl IntoView {
    let what = if nic { "its network" } else { "its volume" };
    view! {
        <ConfirmModal
            title=format!("Remove {device}?")
            confirm_label="Remove"
            danger=true
            pending
            on_confirm
            on_cancel
        >
            <p>
                <strong>{device.clone()}</strong>
                " and "
                {what}
                " are removed from the virtual machine."
            </p>
            {note.map(|note| view! { <p class="wvm-muted">{note}</p> })}
            {move || {
                failure
                    .get()
                    .map(|message| {
                        view! { <ErrorAlert title="Could not remove the device" message /> }
                    })
            }}
        </ConfirmModal>
    }
}

/// The bus of a disk or the model of a NIC, as (API value, label), the current one chosen first.
#[component]
pub fn ChangeInterfaceDialog(
    device: String,
    nic: bool,
    /// The API value the device has now.
    current: String,
    windows: bool,
    /// Whether the guest agent is connected, so the guest tools (and the drivers) are in.
    agent_connected: bool,
    /// Whether choosing this API value needs the user to confirm the drivers are installed.
    needs_confirmation: Callback<String, bool>,
    /// Called with the chosen API value.
    on_submit: Callback<String>,
    on_cancel: Callback<()>,
    failure: Signal<Option<String>>,
    pending: Signal<bool>,
    note: Option<&'static str>,
) -> impl IntoView {
    let options: Vec<(&'static str, &'static str)> = if nic {
        NicModel::ALL
            .into_iter()
            .map(|m| (m.api_value(), m.label()))
            .collect()
    } else {
        DiskBus::ALL
            .into_iter()
            .map(|b| (b.api_value(), b.label()))
            .collect()
    };
    let now_label = options
        .iter()
        .find(|(value, _)| *value == current)
        .map_or_else(|| current.clone(), |(_, label)| (*label).to_owned());
    let chosen = RwSignal::new(current);
    let options = StoredValue::new(options);
    let must_confirm = Signal::derive(move || needs_confirmation.run(chosen.get()));
    let confirmed = RwSignal::new(false);
    let unconfirmed = RwSignal::new(false);
    let submit = Callback::new(move |()| {
        if must_confirm.get_untracked() && !confirmed.get_untracked() {
            unconfirmed.set(true);
        } else if !pending.get_untracked() {
            on_submit.run(chosen.get_untracked());
        }
    });
    let needs_drivers = Signal::derive(move || {
        let value = chosen.get();
        if nic {
            value == NicModel::Virtio.api_value()
        } else {
            DiskBus::from_api_value(&value).is_some_and(DiskBus::needs_windows_drivers)
        }
    });
    let label = if nic { "Model" } else { "Interface" };
    view! {
        <FormModal
            title="Change interface"
            title_id="wvm-change-interface-title"
            submit_label="Save"
            on_submit=submit
            on_cancel
        >
            {(windows && agent_connected)
                .then(|| {
                    view! {
                        <Alert
                            variant=AlertVariant::Info
                            test_id="guest-tools-installed"
                            title="The guest tools are installed"
                        >
                            <p>
                                "The guest agent is connected, so Windows has the VirtIO drivers: VirtIO is the faster choice."
                            </p>
                        </Alert>
                    }
                })}
            {(windows && !agent_connected)
                .then(|| {
                    if nic {
                        view! {
                            <DriverBanner
                                title=NIC_BANNER_TITLE
                                body=NIC_BANNER_BODY
                                virtio_chosen=NIC_VIRTIO_CHOSEN
                                warn=needs_drivers
                                test_id="nic-driver-banner"
                            />
                        }
                    } else {
                        view! {
                            <DriverBanner
                                title=DISK_BANNER_TITLE
                                body=DISK_BANNER_BODY
                                virtio_chosen=DISK_VIRTIO_CHOSEN
                                warn=needs_drivers
                                test_id="disk-driver-banner"
                            />
                        }
                    }
                })}
            <p data-testid="change-interface-device">{format!("{device}: now {now_label}")}</p>
            <FormGroup id="device-interface" label=label required=true>
                <span class="pf-v6-c-form-control wvm-select">
                    <select
                        id="device-interface"
                        prop:value=move || chosen.get()
                        on:change=move |ev| chosen.set(event_target_value(&ev))
                    >
                        {options
                            .with_value(|options| {
                                options
                                    .iter()
                                    .map(|&(value, text)| {
                                        view! {
                                            <option
                                                value=value
                                                selected=move || chosen.read().as_str() == value
                                            >
                                                {text}
                                            </option>
                                        }
                                    })
                                    .collect_view()
                            })}
                    </select>
                    <SelectCaret />
                </span>
            </FormGroup>
            <Show when=move || must_confirm.get()>
                <div class="pf-v6-c-check wvm-switch__confirm">
                    <input
                        class="pf-v6-c-check__input"
                        type="checkbox"
                        id="wvm-change-boot-confirm"
                        prop:checked=move || confirmed.get()
                        on:change=move |ev| {
                            confirmed.set(event_target_checked(&ev));
                            unconfirmed.set(false);
                        }
                    />
                    <label class="pf-v6-c-check__label" for="wvm-change-boot-confirm">
                        "The VirtIO drivers are installed in Windows: switch the boot disk anyway"
                    </label>
                    <Show when=move || unconfirmed.get()>
                        <div class="pf-v6-c-helper-text wvm-check-help">
                            <div
                                class="pf-v6-c-helper-text__item pf-m-error"
                                data-testid="confirm-boot-disk"
                            >
                                <span class="pf-v6-c-helper-text__item-icon">
                                    <Icon kind=IconKind::ExclamationCircle />
                                </span>
                                <span class="pf-v6-c-helper-text__item-text">
                                    "The guest agent has not connected, so nothing shows the drivers are there: without them Windows fails to start from a VirtIO boot disk (INACCESSIBLE_BOOT_DEVICE). Confirm to go on."
                                </span>
                            </div>
                        </div>
                    </Show>
                </div>
            </Show>
            {note.map(|note| view! { <p class="wvm-muted">{note}</p> })}
            {move || {
                failure
                    .get()
                    .map(|message| {
                        view! { <ErrorAlert title="Could not change the interface" message /> }
                    })
            }}
        </FormModal>
    }
}
