//! Where the new VM boots from: an install ISO (URL or PVC, attached as a CD-ROM), an installed
//! image (DataSource), or a container disk image.

use leptos::prelude::*;

use super::Wizard;
use crate::components::{FormGroup, SelectCaret};
use crate::logic::create_defaults::with_cluster_defaults;
use crate::logic::vm_draft::{BootSource, DraftField};

/// The kinds of boot source, as (form value, label).
const KINDS: [(&str, &str); 4] = [
    ("iso-url", "Install ISO from a URL (CD-ROM)"),
    ("iso-pvc", "Install ISO in a PVC (CD-ROM)"),
    ("data-source", "Installed disk image (DataSource)"),
    ("container", "Container disk image"),
];

fn kind_of(boot: &BootSource) -> &'static str {
    match boot {
        BootSource::IsoUrl { .. } => "iso-url",
        BootSource::IsoPvc { .. } => "iso-pvc",
        BootSource::DataSource { .. } => "data-source",
        BootSource::ContainerDisk { .. } => "container",
    }
}

fn empty_of(kind: &str) -> BootSource {
    match kind {
        "iso-pvc" => BootSource::IsoPvc {
            namespace: String::new(),
            name: String::new(),
        },
        "data-source" => BootSource::DataSource {
            namespace: String::new(),
            name: String::new(),
        },
        "container" => BootSource::ContainerDisk {
            image: String::new(),
        },
        _ => BootSource::IsoUrl { url: String::new() },
    }
}

#[component]
pub fn BootFields(wizard: Wizard) -> impl IntoView {
    let draft = wizard.draft;
    let kind = Memo::new(move |_| kind_of(&draft.read().boot));
    let error = wizard.error(DraftField::BootSource);
    view! {
        <FormGroup id="vm-boot-kind" label="Boot source" required=true>
            <span class="pf-v6-c-form-control wvm-select">
                <select
                    id="vm-boot-kind"
                    prop:value=move || kind.get()
                    on:change=move |ev| {
                        draft
                            .update(|d| {
                                d.boot = empty_of(&event_target_value(&ev));
                                d.boot_chosen = true;
                            })
                    }
                >
                    {KINDS
                        .into_iter()
                        .map(|(value, label)| {
                            view! {
                                <option value=value selected=move || kind.get() == value>
                                    {label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <SelectCaret />
            </span>
        </FormGroup>
        {move || match kind.get() {
            "iso-url" | "container" => view! { <TextSource wizard error /> }.into_any(),
            _ => view! { <VolumeSource wizard error /> }.into_any(),
        }}
    }
}

/// The URL of an ISO or the name of a container image.
#[component]
fn TextSource(wizard: Wizard, error: Signal<Option<String>>) -> impl IntoView {
    let draft = wizard.draft;
    let is_iso = move || matches!(draft.read().boot, BootSource::IsoUrl { .. });
    let value = move || match &draft.read().boot {
        BootSource::IsoUrl { url } => url.clone(),
        BootSource::ContainerDisk { image } => image.clone(),
        _ => String::new(),
    };
    view! {
        <FormGroup
            id="vm-boot-source"
            label=Signal::derive(move || if is_iso() { "ISO URL" } else { "Image" })
            required=true
            error
            hint=Signal::derive(move || Some(
                if is_iso() {
                    "The ISO is imported into a volume and attached as a CD-ROM; the root disk starts blank."
                } else {
                    "The image is imported into the VM's root disk."
                },
            ))
        >
            <span class="pf-v6-c-form-control" class:pf-m-error=move || error.get().is_some()>
                <input
                    id="vm-boot-source"
                    type="text"
                    autocomplete="off"
                    placeholder=move || {
                        if is_iso() {
                            "https://example.com/windows.iso"
                        } else {
                            "quay.io/containerdisks/fedora:latest"
                        }
                    }
                    prop:value=value
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        draft
                            .update(|d| {
                                d.boot_chosen = true;
                                d.boot = match d.boot {
                                    BootSource::IsoUrl { .. } => BootSource::IsoUrl { url: text },
                                    _ => {
                                        BootSource::ContainerDisk {
                                            image: text,
                                        }
                                    }
                                };
                            });
                    }
                    on:blur=move |_| wizard.touch(DraftField::BootSource)
                />
            </span>
        </FormGroup>
    }
}

/// A PVC holding an install ISO, or a DataSource, picked from what the cluster has.
#[component]
fn VolumeSource(wizard: Wizard, error: Signal<Option<String>>) -> impl IntoView {
    let draft = wizard.draft;
    let is_pvc = move || matches!(draft.read().boot, BootSource::IsoPvc { .. });
    let choices = move || {
        let cluster = wizard.cluster.get();
        if is_pvc() {
            cluster.claims
        } else {
            cluster.data_sources
        }
    };
    let chosen = move || match &draft.read().boot {
        BootSource::IsoPvc { namespace, name } | BootSource::DataSource { namespace, name }
            if !name.is_empty() =>
        {
            format!("{namespace}/{name}")
        }
        _ => String::new(),
    };
    let on_change = move |ev| {
        let value = event_target_value(&ev);
        let (namespace, name) = value.split_once('/').unwrap_or_default();
        let (namespace, name) = (namespace.to_owned(), name.to_owned());
        let cluster = wizard.cluster.get_untracked();
        let defaults = cluster
            .data_source_info
            .get(&value)
            .map(|info| info.defaults.clone())
            .unwrap_or_default();
        let instancetype = defaults.instancetype.and_then(|wanted| {
            cluster
                .instancetypes
                .iter()
                .find(|it| it.name == wanted)
                .cloned()
        });
        draft.update(|d| {
            d.boot_chosen = true;
            let is_pvc = matches!(d.boot, BootSource::IsoPvc { .. });
            d.boot = if is_pvc {
                BootSource::IsoPvc { namespace, name }
            } else {
                BootSource::DataSource { namespace, name }
            };
            if !is_pvc {
                // An installed image knows what it is and what size suits it.
                *d = d.with_source_defaults(defaults.preference.as_deref(), instancetype);
                *d = with_cluster_defaults(d, &cluster);
            }
        });
        wizard.touch(DraftField::BootSource);
    };
    view! {
        <FormGroup
            id="vm-boot-volume"
            label=Signal::derive(move || if is_pvc() { "PVC with the ISO" } else { "DataSource" })
            required=true
            error
            hint=Signal::derive(move || Some(
                if is_pvc() {
                    "The ISO is cloned for this VM and attached as a CD-ROM; the root disk starts blank."
                } else {
                    "The image is cloned into the VM's root disk."
                },
            ))
        >
            <span
                class="pf-v6-c-form-control wvm-select"
                class:pf-m-error=move || error.get().is_some()
            >
                <select id="vm-boot-volume" prop:value=chosen on:change=on_change>
                    <option value="" disabled=true selected=move || chosen().is_empty()>
                        {move || {
                            if choices().is_empty() {
                                "None found in this namespace or the OS images"
                            } else {
                                "Choose a volume"
                            }
                        }}
                    </option>
                    {move || {
                        choices()
                            .into_iter()
                            .map(|volume| {
                                let value = volume.to_string();
                                let info = wizard
                                    .cluster
                                    .with(|c| c.data_source_info.get(&value).map(|i| i.summary()));
                                let label = match info.filter(|_| !is_pvc()) {
                                    Some(summary) => format!("{value} ({summary})"),
                                    None => value.clone(),
                                };
                                let selected = value.clone();
                                view! {
                                    <option value=value selected=move || chosen() == selected>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
                <SelectCaret />
            </span>
        </FormGroup>
    }
}
