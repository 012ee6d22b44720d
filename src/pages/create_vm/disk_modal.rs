//! The Add disk modal: name, source, size and interface; for Windows the interface starts at
//! SATA and the driver banner explains why.

use leptos::prelude::*;

use super::driver_banner::DriverBanner;
use super::Wizard;
use crate::components::{FormGroup, FormModal, SelectCaret};
use crate::logic::driver_notes::{DISK_BANNER_BODY, DISK_BANNER_TITLE, DISK_VIRTIO_CHOSEN};
use crate::logic::vm_draft::{check_disk, DiskBus, DiskDraft, DiskSource};

#[component]
pub fn DiskModal(wizard: Wizard, on_close: Callback<()>) -> impl IntoView {
    let draft = wizard.draft;
    let (os, count) = draft.with_untracked(|d| (d.os, d.extra_disks.len()));
    let disk = RwSignal::new(DiskDraft {
        name: format!("disk-{}", count + 1),
        source: DiskSource::Blank,
        size_gib: 10,
        bus: os.default_disk_bus(),
    });
    let problem = RwSignal::new(None::<String>);
    let on_submit = Callback::new(move |()| {
        let candidate = disk.get_untracked();
        let result = draft.with_untracked(|d| {
            let names: Vec<&str> = d.extra_disks.iter().map(|d| d.name.as_str()).collect();
            check_disk(&candidate, &names)
        });
        match result {
            Ok(()) => {
                draft.update(|d| d.extra_disks.push(candidate));
                on_close.run(());
            }
            Err(message) => problem.set(Some(message)),
        }
    });
    let edit = move |change: Box<dyn FnOnce(&mut DiskDraft)>| {
        disk.update(|d| change(d));
        problem.set(None);
    };
    let windows = os.windows().is_some();
    view! {
        <FormModal title="Add disk" title_id="wvm-add-disk-title" submit_label="Add" on_submit on_cancel=on_close>
            {windows.then(|| view! {
                <DriverBanner title=DISK_BANNER_TITLE body=DISK_BANNER_BODY virtio_chosen=DISK_VIRTIO_CHOSEN
                    warn=Signal::derive(move || disk.read().bus.needs_windows_drivers()) test_id="disk-driver-banner" />
            })}
            <div class="pf-v6-c-helper-text" aria-live="polite">
                {move || problem.get().map(|message| view! {
                    <div class="pf-v6-c-helper-text__item pf-m-error" data-testid="disk-problem">
                        <span class="pf-v6-c-helper-text__item-text">{message}</span>
                    </div>
                })}
            </div>
            <FormGroup id="disk-name" label="Name" required=true>
                <span class="pf-v6-c-form-control">
                    <input id="disk-name" type="text" autocomplete="off" prop:value=move || disk.read().name.clone()
                        on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |d| d.name = v)) } />
                </span>
            </FormGroup>
            <SourceFields wizard disk edit=Callback::new(move |change| edit(change)) />
            <FormGroup id="disk-size" label="Size (GiB)" required=true>
                <span class="pf-v6-c-form-control">
                    <input id="disk-size" type="number" min="1" prop:value=move || disk.read().size_gib.to_string()
                        on:input=move |ev| {
                            let size = event_target_value(&ev).trim().parse().unwrap_or(0);
                            edit(Box::new(move |d| d.size_gib = size))
                        } />
                </span>
            </FormGroup>
            <FormGroup id="disk-interface" label="Interface" required=true>
                <span class="pf-v6-c-form-control wvm-select">
                    <select id="disk-interface" prop:value=move || disk.read().bus.api_value()
                        on:change=move |ev| if let Some(bus) = DiskBus::from_api_value(&event_target_value(&ev)) {
                            edit(Box::new(move |d| d.bus = bus))
                        }>
                        {DiskBus::ALL.into_iter().map(|bus| view! {
                            <option value=bus.api_value() selected=move || disk.read().bus == bus>{bus.label()}</option>
                        }).collect_view()}
                    </select><SelectCaret />
                </span>
            </FormGroup>
        </FormModal>
    }
}

type Edit = Callback<Box<dyn FnOnce(&mut DiskDraft)>>;

/// The source kind and, for URL, PVC and DataSource, which one.
#[component]
fn SourceFields(wizard: Wizard, disk: RwSignal<DiskDraft>, edit: Edit) -> impl IntoView {
    let kind = move || match disk.read().source {
        DiskSource::Existing { .. } => "existing",
        DiskSource::Blank => "blank",
        DiskSource::Url { .. } => "url",
        DiskSource::Pvc { .. } => "pvc",
        DiskSource::DataSource { .. } => "data-source",
    };
    let on_kind = move |ev| {
        let source = match event_target_value(&ev).as_str() {
            "url" => DiskSource::Url { url: String::new() },
            "pvc" => DiskSource::Pvc {
                namespace: String::new(),
                name: String::new(),
            },
            "data-source" => DiskSource::DataSource {
                namespace: String::new(),
                name: String::new(),
            },
            _ => DiskSource::Blank,
        };
        edit.run(Box::new(move |d| d.source = source));
    };
    let volumes = move || {
        let cluster = wizard.cluster.get();
        if kind() == "pvc" {
            cluster.claims
        } else {
            cluster.data_sources
        }
    };
    let chosen = move || match &disk.read().source {
        DiskSource::Pvc { namespace, name } | DiskSource::DataSource { namespace, name } => {
            format!("{namespace}/{name}")
        }
        _ => String::new(),
    };
    view! {
        <FormGroup id="disk-source" label="Source" required=true>
            <span class="pf-v6-c-form-control wvm-select">
                <select id="disk-source" prop:value=kind on:change=on_kind>
                    <option value="blank">"Blank"</option>
                    <option value="url">"Import from a URL"</option>
                    <option value="pvc">"Clone a PVC"</option>
                    <option value="data-source">"Clone a DataSource"</option>
                </select><SelectCaret />
            </span>
        </FormGroup>
        {move || match kind() {
            "url" => view! {
                <FormGroup id="disk-url" label="Image URL" required=true>
                    <span class="pf-v6-c-form-control">
                        <input id="disk-url" type="text" placeholder="https://example.com/disk.qcow2"
                            prop:value=move || match &disk.read().source { DiskSource::Url { url } => url.clone(), _ => String::new() }
                            on:input=move |ev| { let url = event_target_value(&ev); edit.run(Box::new(move |d| d.source = DiskSource::Url { url })) } />
                    </span>
                </FormGroup>
            }.into_any(),
            "pvc" | "data-source" => view! {
                <FormGroup id="disk-volume" label="Volume" required=true>
                    <span class="pf-v6-c-form-control wvm-select">
                        <select id="disk-volume" prop:value=chosen
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                let (namespace, name) = value.split_once('/').map(|(n, m)| (n.to_owned(), m.to_owned())).unwrap_or_default();
                                edit.run(Box::new(move |d| d.source = match d.source {
                                    DiskSource::Pvc { .. } => DiskSource::Pvc { namespace, name },
                                    _ => DiskSource::DataSource { namespace, name },
                                }))
                            }>
                            <option value="" disabled=true selected=move || chosen().is_empty()>"Choose a volume"</option>
                            {move || volumes().into_iter().map(|(namespace, name)| {
                                let value = format!("{namespace}/{name}");
                                let label = value.clone();
                                view! { <option value=value>{label}</option> }
                            }).collect_view()}
                        </select><SelectCaret />
                    </span>
                </FormGroup>
            }.into_any(),
            _ => ().into_any(),
        }}
    }
}
