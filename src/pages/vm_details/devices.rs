//! The VM's devices: the CD-ROM(s) section (with the Windows guest tools marked), the disks
//! and the network interfaces, each with its Add button and row actions (see `device_edit`).

use leptos::prelude::*;

use crate::components::{Button, ButtonVariant, Label, LabelColor, TableHead};
use crate::context::use_device_edits;

use super::device_edit::DeviceEdit;
use crate::logic::vm_devices::{DiskInfo, DiskKind, NicInfo};

/// The CD-ROMs, the guest tools first and marked as such, each with an eject button.
#[component]
pub fn CdRomList(
    cdroms: Vec<DiskInfo>,
    /// Called with the CD-ROM the user wants to eject.
    on_eject: Callback<DiskInfo>,
) -> impl IntoView {
    view! {
        <section
            class="pf-v6-c-page__main-section"
            aria-labelledby="wvm-cdroms-title"
            data-testid="cdroms"
        >
            <h2 class="pf-v6-c-title pf-m-lg" id="wvm-cdroms-title">
                "CD-ROM(s)"
            </h2>
            {if cdroms.is_empty() {
                view! { <p class="wvm-muted">"This VM has no CD-ROM."</p> }.into_any()
            } else {
                view! {
                    <ul class="wvm-cdroms" role="list">
                        {cdroms
                            .into_iter()
                            .map(|cd| {
                                view! {
                                    <li class="wvm-cdroms__item">
                                        <span class="wvm-cdroms__name">{cd.name.clone()}</span>
                                        <Button
                                            variant=ButtonVariant::InlineLink
                                            class="wvm-cdroms__eject"
                                            aria_label=format!("Eject {}", cd.name)
                                            on_click={
                                                let cd = cd.clone();
                                                Callback::new(move |()| on_eject.run(cd.clone()))
                                            }
                                        >
                                            "Eject"
                                        </Button>
                                        {cd
                                            .guest_tools
                                            .then(|| {
                                                view! {
                                                    <Label color=LabelColor::Blue>"Windows guest tools"</Label>
                                                }
                                            })}
                                        <span class="wvm-cdroms__source">{cd.source.clone()}</span>
                                        {cd
                                            .guest_tools
                                            .then(|| {
                                                view! {
                                                    <p class="wvm-cdroms__note">
                                                        "VirtIO drivers and the guest agent for Windows: run the installer on this CD-ROM inside Windows, then switch the disks and network card to VirtIO."
                                                    </p>
                                                }
                                            })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
            <AddButton label="Add CD-ROM" edit=DeviceEdit::AddCdrom />
        </section>
    }
}

/// A button that opens one of the device dialogs, when the page offers them.
#[component]
fn AddButton(label: &'static str, edit: DeviceEdit) -> impl IntoView {
    use_device_edits().map(|edits| {
        view! {
            <Button
                variant=ButtonVariant::Secondary
                class="wvm-add-device"
                on_click=Callback::new(move |()| edits.open(edit.clone()))
            >
                {label}
            </Button>
        }
    })
}

/// The actions of a device row: change its interface (disks and NICs, not CD-ROMs) and remove.
#[component]
fn RowActions(name: String, change: Option<DeviceEdit>, remove: DeviceEdit) -> impl IntoView {
    let edits = use_device_edits();
    view! {
        <td class="pf-v6-c-table__td pf-v6-c-table__action wvm-device-actions" data-label="Actions">
            {edits
                .map(|edits| {
                    view! {
                        {change
                            .map(|edit| {
                                view! {
                                    <Button
                                        variant=ButtonVariant::InlineLink
                                        aria_label=format!("Change interface of {name}")
                                        on_click=Callback::new(move |()| edits.open(edit.clone()))
                                    >
                                        "Change interface"
                                    </Button>
                                }
                            })}
                        <Button
                            variant=ButtonVariant::DangerInlineLink
                            aria_label=format!("Remove {name}")
                            on_click=Callback::new(move |()| edits.open(remove.clone()))
                        >
                            "Remove"
                        </Button>
                    }
                })}
        </td>
    }
}

/// The disks with their kind, interface and source.
#[component]
pub fn DiskTable(disks: Vec<DiskInfo>) -> impl IntoView {
    const COLUMNS: &[&str] = &["Name", "Type", "Interface", "Source", "Boot order"];
    view! {
        <section class="pf-v6-c-page__main-section" aria-labelledby="wvm-disks-title">
            <h2 class="pf-v6-c-title pf-m-lg" id="wvm-disks-title">
                "Disks"
            </h2>
            <table class="pf-v6-c-table pf-m-grid-md pf-m-compact" aria-label="Disks">
                <TableHead actions=true columns=COLUMNS />
                <tbody class="pf-v6-c-table__tbody">
                    {disks
                        .into_iter()
                        .map(|d| {
                            let boot_order = d
                                .boot_order
                                .map(|o| o.to_string())
                                .unwrap_or_else(|| "—".to_owned());
                            let change = (d.kind == DiskKind::Disk)
                                .then(|| DeviceEdit::ChangeDisk(d.name.clone()));
                            let remove = DeviceEdit::RemoveDisk(d.name.clone());
                            let row_name = d.name.clone();
                            let cells = [
                                d.name.clone(),
                                d.kind.label().to_owned(),
                                d.interface,
                                d.source,
                                boot_order,
                            ];
                            view! {
                                <tr class="pf-v6-c-table__tr" data-device=row_name>
                                    {cells
                                        .into_iter()
                                        .zip(COLUMNS)
                                        .map(|(text, column)| {
                                            view! {
                                                <td class="pf-v6-c-table__td" data-label=*column>
                                                    {text}
                                                </td>
                                            }
                                        })
                                        .collect_view()}
                                    <RowActions name=d.name change remove />
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <AddButton label="Add disk" edit=DeviceEdit::AddDisk />
        </section>
    }
}

/// The network interfaces with their model and network.
#[component]
pub fn NicTable(nics: Vec<NicInfo>) -> impl IntoView {
    const COLUMNS: &[&str] = &["Name", "Model", "Network"];
    view! {
        <section class="pf-v6-c-page__main-section" aria-labelledby="wvm-nics-title">
            <h2 class="pf-v6-c-title pf-m-lg" id="wvm-nics-title">
                "Network interfaces"
            </h2>
            <table class="pf-v6-c-table pf-m-grid-md pf-m-compact" aria-label="Network interfaces">
                <TableHead actions=true columns=COLUMNS />
                <tbody class="pf-v6-c-table__tbody">
                    {nics
                        .into_iter()
                        .map(|n| {
                            let change = Some(DeviceEdit::ChangeNic(n.name.clone()));
                            let remove = DeviceEdit::RemoveNic(n.name.clone());
                            let row_name = n.name.clone();
                            let cells = [n.name.clone(), n.model, n.network];
                            view! {
                                <tr class="pf-v6-c-table__tr" data-device=row_name>
                                    {cells
                                        .into_iter()
                                        .zip(COLUMNS)
                                        .map(|(text, column)| {
                                            view! {
                                                <td class="pf-v6-c-table__td" data-label=*column>
                                                    {text}
                                                </td>
                                            }
                                        })
                                        .collect_view()}
                                    <RowActions name=n.name change remove />
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <AddButton label="Add network interface" edit=DeviceEdit::AddNic />
        </section>
    }
}

/// For a Windows VM created without a product key: how to activate it.
#[component]
pub fn LicensingNote() -> impl IntoView {
    view! {
        <section
            class="pf-v6-c-page__main-section"
            aria-labelledby="wvm-licensing-title"
            data-testid="licensing-note"
        >
            <h2 class="pf-v6-c-title pf-m-lg" id="wvm-licensing-title">
                "Licensing"
            </h2>
            <p>
                "No product key was given when this VM was created. Windows uses a key stored in the firmware if there is one; otherwise activate it inside Windows: Settings > System > Activation, or "
                <code>"slmgr /ipk XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"</code>
                " in an administrator prompt."
            </p>
            <p class="wvm-muted">
                "To license new VMs from the start, generate an answer file with the key in the create wizard (Advanced > Sysprep)."
            </p>
        </section>
    }
}
