//! Size of the new VM: a cluster instancetype or explicit vCPUs and memory, and the root disk.

use leptos::prelude::*;

use super::Wizard;
use crate::components::{FormGroup, SelectCaret};
use crate::logic::cluster_options::memory_label;
use crate::logic::vm_draft::{DraftField, VmDraft};

const CUSTOM: &str = "custom";

#[component]
pub fn SizeFields(wizard: Wizard) -> impl IntoView {
    let draft = wizard.draft;
    let instancetypes = move || wizard.cluster.get().instancetypes;
    let chosen = move || {
        draft
            .read()
            .instancetype
            .as_ref()
            .map_or(CUSTOM.to_owned(), |it| it.name.clone())
    };
    let on_size = move |ev| {
        let value = event_target_value(&ev);
        let picked = instancetypes().into_iter().find(|it| it.name == value);
        draft.update(|d| {
            d.instancetype = picked;
            d.size_chosen = true;
        });
        wizard.touch(DraftField::Cpus);
    };
    let custom = move || draft.read().instancetype.is_none();
    view! {
        <FormGroup
            id="vm-size"
            label="Size"
            required=true
            error=wizard.error(DraftField::Cpus)
            hint=Signal::derive(move || Some(
                if instancetypes().is_empty() {
                    "The cluster offers no instancetypes: set vCPUs and memory."
                } else {
                    "A cluster instancetype, or vCPUs and memory of your own."
                },
            ))
        >
            <span class="pf-v6-c-form-control wvm-select">
                <select id="vm-size" prop:value=chosen on:change=on_size>
                    <option value=CUSTOM selected=custom>
                        "Custom: vCPUs and memory below"
                    </option>
                    {move || {
                        instancetypes()
                            .into_iter()
                            .map(|it| {
                                let label = format!(
                                    "{}: {} vCPU, {}",
                                    it.name,
                                    it.cpus,
                                    memory_label(it.memory_mib),
                                );
                                let name = it.name.clone();
                                view! {
                                    <option value=it.name selected=move || chosen() == name>
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
        <Show when=custom>
            <div class="wvm-create-form__sizes">
                <NumberField
                    wizard
                    id="vm-cpus"
                    label="vCPUs"
                    field=DraftField::Cpus
                    get=|d| d.cpus
                    set=|d, n| d.cpus = n
                />
                <NumberField
                    wizard
                    id="vm-memory"
                    label="Memory (GiB)"
                    field=DraftField::Memory
                    get=|d| d.memory_gib
                    set=|d, n| d.memory_gib = n
                />
            </div>
        </Show>
        <NumberField
            wizard
            id="vm-disk"
            label="Root disk (GiB)"
            field=DraftField::Disk
            get=|d| d.disk_gib
            set=|d, n| d.disk_gib = n
        />
    }
}

/// A whole-number input for one size of the draft.
#[component]
fn NumberField(
    wizard: Wizard,
    id: &'static str,
    label: &'static str,
    /// Which draft field it edits, for its error.
    field: DraftField,
    get: fn(&VmDraft) -> u32,
    set: fn(&mut VmDraft, u32),
) -> impl IntoView {
    let draft = wizard.draft;
    let error = wizard.error(field);
    view! {
        <FormGroup id label required=true error>
            <span class="pf-v6-c-form-control" class:pf-m-error=move || error.get().is_some()>
                <input
                    id=id
                    type="number"
                    min="1"
                    inputmode="numeric"
                    prop:value=move || get(&draft.read()).to_string()
                    on:input=move |ev| {
                        let value = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0);
                        draft
                            .update(|d| {
                                set(d, value);
                                d.size_chosen = true;
                            });
                        wizard.touch(field);
                    }
                />
            </span>
        </FormGroup>
    }
}
