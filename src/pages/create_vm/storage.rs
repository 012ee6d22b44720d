//! The Storage step: the root disk (from the boot source, its interface editable), the install
//! CD-ROM, added disks, and Add disk.

use leptos::prelude::*;

use super::device_list::{AddDevice, RemoveCell};
use super::disk_modal::DiskModal;
use super::Wizard;
use crate::components::icons::{Icon, IconKind};
use crate::components::{Label, SelectCaret};
use crate::logic::vm_draft::{BootSource, DiskBus, DraftField};

#[component]
pub fn StorageStep(wizard: Wizard) -> impl IntoView {
    let draft = wizard.draft;
    let root_source = move || match &draft.read().boot {
        BootSource::IsoUrl { .. } | BootSource::IsoPvc { .. } => {
            "Blank (Windows is installed from the CD-ROM)".to_owned()
        }
        BootSource::DataSource { namespace, name } => format!("DataSource {namespace}/{name}"),
        BootSource::ContainerDisk { image } => format!("Image {image}"),
    };
    let install_iso = move || match &draft.read().boot {
        BootSource::IsoUrl { url } => Some(format!("ISO {url}")),
        BootSource::IsoPvc { namespace, name } => Some(format!("PVC {namespace}/{name}")),
        _ => None,
    };
    let root_warning =
        move || draft.read().is_windows() && draft.read().root_bus.needs_windows_drivers();
    let remove = move |index: usize| {
        draft.update(|d| {
            if index < d.extra_disks.len() {
                d.extra_disks.remove(index);
            }
        })
    };
    view! {
        <p class="wvm-step-intro">
            "Disks of the VM. The root disk comes from the boot source chosen in General; the guest tools CD-ROM is under Advanced."
        </p>
        <table class="pf-v6-c-table pf-m-compact pf-m-grid-md" aria-label="Disks">
            <thead class="pf-v6-c-table__thead">
                <tr class="pf-v6-c-table__tr">
                    <th class="pf-v6-c-table__th" scope="col">
                        "Name"
                    </th>
                    <th class="pf-v6-c-table__th" scope="col">
                        "Source"
                    </th>
                    <th class="pf-v6-c-table__th" scope="col">
                        "Size"
                    </th>
                    <th class="pf-v6-c-table__th" scope="col">
                        "Interface"
                    </th>
                    <th class="pf-v6-c-table__th" scope="col">
                        <span class="pf-v6-screen-reader">"Actions"</span>
                    </th>
                </tr>
            </thead>
            <tbody class="pf-v6-c-table__tbody">
                <tr class="pf-v6-c-table__tr">
                    <td class="pf-v6-c-table__td" data-label="Name">
                        "rootdisk "
                        <Label>"bootable"</Label>
                    </td>
                    <td class="pf-v6-c-table__td" data-label="Source">
                        {root_source}
                    </td>
                    <td class="pf-v6-c-table__td" data-label="Size">
                        {move || format!("{} GiB", draft.read().disk_gib)}
                    </td>
                    <td class="pf-v6-c-table__td" data-label="Interface">
                        <span class="pf-v6-c-form-control wvm-select wvm-select--inline">
                            <select
                                aria-label="Interface of rootdisk"
                                prop:value=move || draft.read().root_bus.api_value()
                                on:change=move |ev| {
                                    if let Some(bus) = DiskBus::from_api_value(
                                        &event_target_value(&ev),
                                    ) {
                                        draft.update(|d| d.root_bus = bus);
                                    }
                                }
                            >
                                {DiskBus::ALL
                                    .into_iter()
                                    .map(|bus| {
                                        view! {
                                            <option
                                                value=bus.api_value()
                                                selected=move || draft.read().root_bus == bus
                                            >
                                                {bus.label()}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <SelectCaret />
                        </span>
                        {move || {
                            root_warning()
                                .then(|| {
                                    view! {
                                        <span
                                            class="wvm-inline-warning"
                                            data-testid="root-bus-warning"
                                        >
                                            <Icon kind=IconKind::ExclamationTriangle />
                                            " Windows setup cannot see this disk without the guest tools drivers."
                                        </span>
                                    }
                                })
                        }}
                    </td>
                    <td class="pf-v6-c-table__td"></td>
                </tr>
                {move || {
                    install_iso()
                        .map(|source| {
                            view! {
                                <tr class="pf-v6-c-table__tr">
                                    <td class="pf-v6-c-table__td" data-label="Name">
                                        "installcdrom "
                                        <Label>"CD-ROM"</Label>
                                    </td>
                                    <td class="pf-v6-c-table__td" data-label="Source">
                                        {source}
                                    </td>
                                    <td class="pf-v6-c-table__td" data-label="Size">
                                        "8 GiB"
                                    </td>
                                    <td class="pf-v6-c-table__td" data-label="Interface">
                                        "SATA"
                                    </td>
                                    <td class="pf-v6-c-table__td"></td>
                                </tr>
                            }
                        })
                }}
                {move || {
                    draft
                        .read()
                        .extra_disks
                        .iter()
                        .cloned()
                        .enumerate()
                        .map(|(index, disk)| {
                            view! {
                                <tr class="pf-v6-c-table__tr">
                                    <td class="pf-v6-c-table__td" data-label="Name">
                                        {disk.name.clone()}
                                    </td>
                                    <td class="pf-v6-c-table__td" data-label="Source">
                                        {disk.source.label()}
                                    </td>
                                    <td class="pf-v6-c-table__td" data-label="Size">
                                        {format!("{} GiB", disk.size_gib)}
                                    </td>
                                    <td class="pf-v6-c-table__td" data-label="Interface">
                                        {disk.bus.label()}
                                    </td>
                                    <RemoveCell
                                        label=format!("Remove disk {}", disk.name)
                                        on_remove=Callback::new(move |()| remove(index))
                                    />
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
        <AddDevice
            wizard
            field=DraftField::Disks
            label="Add disk"
            modal=|wizard, on_close| view! { <DiskModal wizard on_close /> }.into_any()
        />
    }
}
