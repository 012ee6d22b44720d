//! The Add disk dialog: name, source, size and interface; for Windows the interface starts at
//! SATA and the driver banner explains why.

use leptos::prelude::*;

use super::{
    checked_submit, claims_in, split_volume, volume_options, DialogFooterNotes, DriverBanner,
    VolumeSelect,
};
use crate::components::{FormGroup, FormModal, SelectCaret};
use crate::logic::cluster_options::ClusterOptions;
use crate::logic::driver_notes::{
    DISK_BANNER_BODY, DISK_BANNER_TITLE, DISK_BUS_CHOICE, DISK_VIRTIO_CHOSEN,
};
use crate::logic::vm_draft::{check_disk, DiskBus, DiskDraft, DiskSource};

#[component]
pub fn AddDiskDialog(
    /// Whether the VM runs Windows (then the driver banner shows).
    windows: bool,
    /// Names the VM's other disks (and volumes) already take.
    #[prop(into)]
    taken: Signal<Vec<String>>,
    /// What the cluster offers to copy or attach.
    #[prop(into)]
    cluster: Signal<ClusterOptions>,
    /// The VM's namespace: only its PVCs can be attached as they are.
    #[prop(into)]
    namespace: Signal<String>,
    /// The disk the form starts with.
    initial: DiskDraft,
    /// Called with the checked disk; the caller closes the dialog when it is added.
    on_submit: Callback<DiskDraft>,
    on_cancel: Callback<()>,
    /// Why the caller could not add it (the server refused), shown in the dialog.
    #[prop(optional, into)]
    failure: MaybeProp<String>,
    /// While the caller is adding it: a second submit is ignored.
    #[prop(optional, into)]
    pending: MaybeProp<bool>,
    /// A note for the foot of the form.
    #[prop(optional)]
    note: Option<&'static str>,
) -> impl IntoView {
    let disk = RwSignal::new(initial);
    let problem = RwSignal::new(None::<String>);
    let check = move |candidate: &DiskDraft| {
        taken.with_untracked(|taken| {
            let names: Vec<&str> = taken.iter().map(String::as_str).collect();
            check_disk(candidate, &names)
        })
    };
    let on_submit = checked_submit(disk, pending, problem, check, on_submit);
    let edit = move |change: Box<dyn FnOnce(&mut DiskDraft)>| {
        disk.update(|d| change(d));
        problem.set(None);
    };
    let sized = move || !matches!(disk.read().source, DiskSource::Existing { .. });
    view! {
        <FormModal
            title="Add disk"
            title_id="wvm-add-disk-title"
            submit_label="Add"
            on_submit
            on_cancel
        >
            {windows
                .then(|| {
                    view! {
                        <DriverBanner
                            title=DISK_BANNER_TITLE
                            body=DISK_BANNER_BODY
                            virtio_chosen=DISK_VIRTIO_CHOSEN
                            warn=Signal::derive(move || disk.read().bus.needs_windows_drivers())
                            test_id="disk-driver-banner"
                        />
                    }
                })}
            <div class="pf-v6-c-helper-text" aria-live="polite">
                {move || {
                    problem
                        .get()
                        .map(|message| {
                            view! {
                                <div
                                    class="pf-v6-c-helper-text__item pf-m-error"
                                    data-testid="disk-problem"
                                >
                                    <span class="pf-v6-c-helper-text__item-text">{message}</span>
                                </div>
                            }
                        })
                }}
            </div>
            <FormGroup id="disk-name" label="Name" required=true>
                <span class="pf-v6-c-form-control">
                    <input
                        id="disk-name"
                        type="text"
                        autocomplete="off"
                        prop:value=move || disk.read().name.clone()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            edit(Box::new(move |d| d.name = v))
                        }
                    />
                </span>
            </FormGroup>
            <SourceFields cluster namespace disk edit=Callback::new(move |change| edit(change)) />
            <Show when=sized>
                <FormGroup id="disk-size" label="Size (GiB)" required=true>
                    <span class="pf-v6-c-form-control">
                        <input
                            id="disk-size"
                            type="number"
                            min="1"
                            prop:value=move || disk.read().size_gib.to_string()
                            on:input=move |ev| {
                                let size = event_target_value(&ev).trim().parse().unwrap_or(0);
                                edit(Box::new(move |d| d.size_gib = size))
                            }
                        />
                    </span>
                </FormGroup>
            </Show>
            <FormGroup id="disk-interface" label="Interface" required=true hint=DISK_BUS_CHOICE>
                <span class="pf-v6-c-form-control wvm-select">
                    <select
                        id="disk-interface"
                        prop:value=move || disk.read().bus.api_value()
                        on:change=move |ev| {
                            if let Some(bus) = DiskBus::from_api_value(&event_target_value(&ev)) {
                                edit(Box::new(move |d| d.bus = bus))
                            }
                        }
                    >
                        {DiskBus::ALL
                            .into_iter()
                            .map(|bus| {
                                view! {
                                    <option
                                        value=bus.api_value()
                                        selected=move || disk.read().bus == bus
                                    >
                                        {bus.label()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                    <SelectCaret />
                </span>
            </FormGroup>
            <DialogFooterNotes failure failure_title="Could not add the disk" note />
        </FormModal>
    }
}

type Edit = Callback<Box<dyn FnOnce(&mut DiskDraft)>>;

/// The source kind and, for URL, PVC, DataSource and an existing PVC, which one.
#[component]
fn SourceFields(
    cluster: Signal<ClusterOptions>,
    namespace: Signal<String>,
    disk: RwSignal<DiskDraft>,
    edit: Edit,
) -> impl IntoView {
    let kind = move || match disk.read().source {
        DiskSource::Blank => "blank",
        DiskSource::Url { .. } => "url",
        DiskSource::Pvc { .. } => "pvc",
        DiskSource::DataSource { .. } => "data-source",
        DiskSource::Existing { .. } => "existing",
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
            "existing" => DiskSource::Existing {
                name: String::new(),
            },
            _ => DiskSource::Blank,
        };
        edit.run(Box::new(move |d| d.source = source));
    };
    let volumes = move || {
        let cluster = cluster.get();
        match kind() {
            "pvc" => volume_options(cluster.claims),
            "existing" => claims_in(cluster.claims, &namespace.get()),
            _ => volume_options(cluster.data_sources),
        }
    };
    let chosen = move || match &disk.read().source {
        DiskSource::Pvc { namespace, name } | DiskSource::DataSource { namespace, name } => {
            format!("{namespace}/{name}")
        }
        DiskSource::Existing { name } => name.clone(),
        _ => String::new(),
    };
    let on_volume = Callback::new(move |value: String| {
        edit.run(Box::new(move |d| {
            d.source = match d.source {
                DiskSource::Existing { .. } => DiskSource::Existing { name: value },
                DiskSource::Pvc { .. } => {
                    let (namespace, name) = split_volume(&value);
                    DiskSource::Pvc { namespace, name }
                }
                _ => {
                    let (namespace, name) = split_volume(&value);
                    DiskSource::DataSource { namespace, name }
                }
            }
        }))
    });
    view! {
        <FormGroup id="disk-source" label="Source" required=true>
            <span class="pf-v6-c-form-control wvm-select">
                <select id="disk-source" prop:value=kind on:change=on_kind>
                    <option value="blank">"Blank"</option>
                    <option value="url">"Import from a URL"</option>
                    <option value="pvc">"Clone a PVC"</option>
                    <option value="data-source">"Clone a DataSource"</option>
                    <option value="existing">"Use an existing PVC"</option>
                </select>
                <SelectCaret />
            </span>
        </FormGroup>
        {move || match kind() {
            "url" => {
                view! {
                    <FormGroup id="disk-url" label="Image URL" required=true>
                        <span class="pf-v6-c-form-control">
                            <input
                                id="disk-url"
                                type="text"
                                placeholder="https://example.com/disk.qcow2"
                                prop:value=move || match &disk.read().source {
                                    DiskSource::Url { url } => url.clone(),
                                    _ => String::new(),
                                }
                                on:input=move |ev| {
                                    let url = event_target_value(&ev);
                                    edit.run(Box::new(move |d| d.source = DiskSource::Url { url }))
                                }
                            />
                        </span>
                    </FormGroup>
                }
                    .into_any()
            }
            "pvc" | "data-source" | "existing" => {
                view! {
                    <VolumeSelect
                        id="disk-volume"
                        chosen=Signal::derive(chosen)
                        volumes=Signal::derive(volumes)
                        on_change=on_volume
                    />
                }
                    .into_any()
            }
            _ => ().into_any(),
        }}
    }
}
