//! The Advanced step: virtual hardware (the CD-ROMs, the guest tools one first), firmware,
//! Secure Boot, TPM and Hyper-V, defaulted per OS version.

use leptos::prelude::*;

use super::sysprep_fields::SysprepFields;
use super::Wizard;
use crate::components::{
    Button, ButtonVariant, ConfirmModal, FormGroup, Label, LabelColor, SelectCaret,
};
use crate::logic::sysprep_volume::{sysprep_object, SYSPREP_VOLUME};
use crate::logic::vm_builder::GUEST_TOOLS_DISK;
use crate::logic::vm_draft::{BootSource, DraftField, Hardware};

#[component]
pub fn AdvancedStep(wizard: Wizard) -> impl IntoView {
    let draft = wizard.draft;
    let windows = move || draft.read().is_windows();
    let install_iso = move || {
        draft
            .read()
            .boot
            .is_install_iso()
            .then(|| match &draft.read().boot {
                BootSource::IsoUrl { url } => url.clone(),
                BootSource::IsoPvc { namespace, name } => format!("PVC {namespace}/{name}"),
                _ => String::new(),
            })
    };
    let confirming_removal = RwSignal::new(false);
    view! {
        <h3 class="pf-v6-c-title pf-m-lg">"Virtual hardware"</h3>
        <section aria-labelledby="wvm-cdroms-title" class="wvm-advanced__section">
            <h4 class="pf-v6-c-title pf-m-md" id="wvm-cdroms-title">
                "CD-ROMs"
            </h4>
            <ul class="wvm-cdrom-list" data-testid="advanced-cdroms">
                {move || {
                    draft
                        .read()
                        .guest_tools
                        .then(|| {
                            let cluster = wizard.cluster.get();
                            let origin = if cluster.guest_tools_from_cluster {
                                "image named by the cluster's virtio-win ConfigMap"
                            } else {
                                "default image (the cluster names none)"
                            };
                            view! {
                                <li class="wvm-cdrom" data-testid="guest-tools-cdrom">
                                    <span class="wvm-cdrom__name">
                                        "CD-ROM "<code>{GUEST_TOOLS_DISK}</code>
                                    </span>
                                    <Label color=LabelColor::Blue>"Windows guest tools"</Label>
                                    <span class="wvm-cdrom__source">
                                        {format!(
                                            "{} ({origin}), SATA, read-only",
                                            cluster.guest_tools_image,
                                        )}
                                    </span>
                                    <Button
                                        variant=ButtonVariant::DangerInlineLink
                                        on_click=Callback::new(move |_| {
                                            confirming_removal.set(true)
                                        })
                                    >
                                        "Remove"
                                    </Button>
                                </li>
                            }
                        })
                }}
                {move || {
                    install_iso()
                        .map(|source| {
                            view! {
                                <li class="wvm-cdrom">
                                    <span class="wvm-cdrom__name">
                                        "CD-ROM "<code>"installcdrom"</code>
                                    </span>
                                    <Label>"Install media"</Label>
                                    <span class="wvm-cdrom__source">{source}", SATA"</span>
                                </li>
                            }
                        })
                }}
                {move || {
                    sysprep_object(&draft.read())
                        .map(|object| {
                            let files = object
                                .files
                                .iter()
                                .map(|f| f.name.clone())
                                .collect::<Vec<_>>()
                                .join(", ");
                            view! {
                                <li class="wvm-cdrom" data-testid="sysprep-cdrom">
                                    <span class="wvm-cdrom__name">
                                        "CD-ROM "<code>{SYSPREP_VOLUME}</code>
                                    </span>
                                    <Label>"Answer files"</Label>
                                    <span class="wvm-cdrom__source">
                                        {format!(
                                            "{files} in Secret {}, SATA (set under Sysprep below)",
                                            object.name,
                                        )}
                                    </span>
                                </li>
                            }
                        })
                }}
                {move || {
                    (windows() && !draft.read().guest_tools)
                        .then(|| {
                            view! {
                                <li class="wvm-cdrom">
                                    "No guest tools CD-ROM: Windows will lack the VirtIO drivers and the guest agent. "
                                    <Button
                                        variant=ButtonVariant::InlineLink
                                        on_click=Callback::new(move |_| {
                                            draft.update(|d| d.guest_tools = true)
                                        })
                                    >
                                        "Add the Windows guest tools"
                                    </Button>
                                </li>
                            }
                        })
                }}
            </ul>
        </section>
        <Show when=move || confirming_removal.get()>
            <ConfirmModal
                title="Remove the Windows guest tools CD-ROM?"
                confirm_label="Remove"
                danger=true
                pending=false
                on_confirm=Callback::new(move |()| {
                    draft.update(|d| d.guest_tools = false);
                    confirming_removal.set(false);
                })
                on_cancel=Callback::new(move |()| confirming_removal.set(false))
            >
                <p>
                    "Without it, Windows has no VirtIO drivers and no guest agent: disks and network cards must stay on SATA and e1000e, and the console cannot show the VM's IP address. You can add it back later."
                </p>
            </ConfirmModal>
        </Show>
        <FirmwareFields wizard />
        <Show when=windows>
            <SysprepFields wizard />
        </Show>
    }
}

/// Firmware, Secure Boot, TPM and Hyper-V.
#[component]
fn FirmwareFields(wizard: Wizard) -> impl IntoView {
    let draft = wizard.draft;
    let hardware = move || draft.read().hardware;
    let set = move |change: fn(&mut Hardware, bool)| {
        move |ev| {
            let on = event_target_checked(&ev);
            draft.update(|d| change(&mut d.hardware, on));
            wizard.touch(DraftField::Hardware);
        }
    };
    let defaults = move || format!("Defaults for {}.", draft.read().os.label());
    view! {
        <section class="wvm-advanced__section pf-v6-c-form">
            <h4 class="pf-v6-c-title pf-m-md">"Firmware and devices"</h4>
            <p class="wvm-step-intro">{defaults}</p>
            <FormGroup id="vm-firmware" label="Boot mode" error=wizard.error(DraftField::Hardware)>
                <span class="pf-v6-c-form-control wvm-select">
                    <select
                        id="vm-firmware"
                        prop:value=move || if hardware().uefi { "uefi" } else { "bios" }
                        on:change=move |ev| {
                            let uefi = event_target_value(&ev) == "uefi";
                            draft
                                .update(|d| {
                                    d.hardware.uefi = uefi;
                                    d.hardware.secure_boot &= uefi;
                                });
                        }
                    >
                        <option value="uefi" selected=move || hardware().uefi>
                            "UEFI"
                        </option>
                        <option value="bios" selected=move || !hardware().uefi>
                            "BIOS"
                        </option>
                    </select>
                    <SelectCaret />
                </span>
            </FormGroup>
            <Check
                id="vm-secure-boot"
                label="Secure Boot (with System Management Mode)"
                checked=Signal::derive(move || hardware().secure_boot)
                disabled=Signal::derive(move || !hardware().uefi)
                on_change=set(|h, on| h.secure_boot = on)
            />
            <Check
                id="vm-tpm"
                label="Persistent TPM (Windows 11 setup requires one)"
                checked=Signal::derive(move || hardware().tpm)
                disabled=Signal::derive(|| false)
                on_change=set(|h, on| h.tpm = on)
            />
            <Check
                id="vm-hyperv"
                label="Hyper-V enlightenments, Windows clock timers and a USB tablet"
                checked=Signal::derive(move || hardware().hyperv)
                disabled=Signal::derive(|| false)
                on_change=set(|h, on| h.hyperv = on)
            />
        </section>
    }
}

#[component]
fn Check(
    id: &'static str,
    label: &'static str,
    checked: Signal<bool>,
    disabled: Signal<bool>,
    on_change: impl Fn(leptos::ev::Event) + 'static,
) -> impl IntoView {
    view! {
        <div class="pf-v6-c-form__group">
            <div class="pf-v6-c-check">
                <input
                    class="pf-v6-c-check__input"
                    type="checkbox"
                    id=id
                    prop:checked=checked
                    disabled=disabled
                    on:change=on_change
                />
                <label class="pf-v6-c-check__label" for=id>
                    {label}
                </label>
            </div>
        </div>
    }
}
