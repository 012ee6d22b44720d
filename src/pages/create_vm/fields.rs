//! The create form's inputs: what the VM is (name, namespace, OS), then how big it is and
//! what it boots from.

use leptos::prelude::*;

use super::DraftState;
use crate::api::namespaces::NamespaceNames;
use crate::components::FormGroup;
use crate::logic::vm_draft::{BootSource, DraftField, OsChoice, VmDraft};

/// Name, namespace and operating system.
#[component]
pub fn IdentityFields(state: DraftState) -> impl IntoView {
    let draft = state.draft;
    let NamespaceNames(namespaces) = NamespaceNames::expect();
    let namespace_options = move || {
        let mut names = namespaces.get().and_then(Result::ok).unwrap_or_default();
        let current = draft.read().namespace.clone();
        if !current.is_empty() && !names.contains(&current) {
            names.push(current);
        }
        names
    };
    view! {
        <FormGroup id="vm-name" label="Name" required=true error=state.error(DraftField::Name)
            hint="Lowercase letters, digits and '-'; it becomes the VM's hostname.">
            <span class="pf-v6-c-form-control" class:pf-m-error=move || state.error(DraftField::Name).get().is_some()>
                <input id="vm-name" type="text" autocomplete="off" required
                    aria-invalid=move || state.error(DraftField::Name).get().is_some().to_string()
                    prop:value=move || draft.read().name.clone()
                    on:input=move |ev| draft.update(|d| d.name = event_target_value(&ev))
                    on:blur=move |_| state.touch(DraftField::Name) />
            </span>
        </FormGroup>
        <FormGroup id="vm-namespace" label="Namespace" required=true error=state.error(DraftField::Namespace)>
            <span class="pf-v6-c-form-control">
                <select id="vm-namespace" prop:value=move || draft.read().namespace.clone()
                    on:change=move |ev| draft.update(|d| d.namespace = event_target_value(&ev))>
                    <option value="" disabled=true>"Choose a namespace"</option>
                    <For each=namespace_options key=|n| n.clone() let:name>
                        <option value=name.clone() selected=move || draft.read().namespace == name>{name.clone()}</option>
                    </For>
                </select>
            </span>
        </FormGroup>
        <FormGroup id="vm-os" label="Operating system" required=true>
            <span class="pf-v6-c-form-control">
                <select id="vm-os" prop:value=move || draft.read().os.id()
                    on:change=move |ev| {
                        if let Some(os) = OsChoice::from_id(&event_target_value(&ev)) {
                            draft.update(|d| *d = d.with_os(os));
                        }
                    }>
                    <optgroup label="Windows">{os_options(true)}</optgroup>
                    <optgroup label="Linux">{os_options(false)}</optgroup>
                </select>
            </span>
        </FormGroup>
    }
}

/// Size, boot source and whether to start.
#[component]
pub fn SizeAndBootFields(state: DraftState) -> impl IntoView {
    let draft = state.draft;
    let is_iso = move || matches!(draft.read().boot, BootSource::InstallIso { .. });
    let boot_value = move || match &draft.read().boot {
        BootSource::InstallIso { url } => url.clone(),
        BootSource::RegistryImage { image } => image.clone(),
    };

    view! {
        <div class="wvm-create-form__sizes">
            <SizeField state id="vm-cpus" label="vCPUs" field=DraftField::Cpus get=|d| d.cpus set=|d, n| d.cpus = n />
            <SizeField state id="vm-memory" label="Memory (GiB)" field=DraftField::Memory
                get=|d| d.memory_gib set=|d, n| d.memory_gib = n />
            <SizeField state id="vm-disk" label="Disk (GiB)" field=DraftField::Disk get=|d| d.disk_gib set=|d, n| d.disk_gib = n />
        </div>
        <FormGroup id="vm-boot-kind" label="Boot source" required=true>
            <span class="pf-v6-c-form-control">
                <select id="vm-boot-kind" prop:value=move || if is_iso() { "iso" } else { "registry" }
                    on:change=move |ev| draft.update(|d| {
                        d.boot = if event_target_value(&ev) == "iso" {
                            BootSource::InstallIso { url: String::new() }
                        } else {
                            BootSource::RegistryImage { image: String::new() }
                        }
                    })>
                    <option value="iso">"Install from an ISO image (URL)"</option>
                    <option value="registry">"Disk image from a container registry"</option>
                </select>
            </span>
        </FormGroup>
        <FormGroup id="vm-boot-source" label=Signal::derive(move || if is_iso() { "ISO URL" } else { "Image" }) required=true
            error=state.error(DraftField::BootSource)
            hint=Signal::derive(move || if is_iso() {
                Some("The ISO is imported into a volume and attached as a CD-ROM; the system disk starts blank.")
            } else {
                Some("The image is imported into the VM's system disk.")
            })>
            <span class="pf-v6-c-form-control" class:pf-m-error=move || state.error(DraftField::BootSource).get().is_some()>
                <input id="vm-boot-source" type="text" autocomplete="off"
                    placeholder=move || if is_iso() { "https://example.com/windows.iso" } else { "quay.io/containerdisks/fedora:latest" }
                    prop:value=boot_value
                    on:input=move |ev| draft.update(|d| {
                        let value = event_target_value(&ev);
                        d.boot = match d.boot {
                            BootSource::InstallIso { .. } => BootSource::InstallIso { url: value },
                            BootSource::RegistryImage { .. } => BootSource::RegistryImage { image: value },
                        }
                    })
                    on:blur=move |_| state.touch(DraftField::BootSource) />
            </span>
        </FormGroup>
        <div class="pf-v6-c-form__group">
            <div class="pf-v6-c-check">
                <input class="pf-v6-c-check__input" type="checkbox" id="vm-start"
                    prop:checked=move || draft.read().start
                    on:change=move |ev| draft.update(|d| d.start = event_target_checked(&ev)) />
                <label class="pf-v6-c-check__label" for="vm-start">"Start the virtual machine once created"</label>
            </div>
        </div>
    }
}

/// A whole-number input for one size of the draft.
#[component]
fn SizeField(
    state: DraftState,
    id: &'static str,
    label: &'static str,
    /// Which draft field it edits, for its error.
    field: DraftField,
    get: fn(&VmDraft) -> u32,
    set: fn(&mut VmDraft, u32),
) -> impl IntoView {
    let draft = state.draft;
    let error = state.error(field);
    view! {
        <FormGroup id label required=true error>
            <span class="pf-v6-c-form-control" class:pf-m-error=move || error.get().is_some()>
                <input id=id type="number" min="1" inputmode="numeric"
                    prop:value=move || get(&draft.read()).to_string()
                    on:input=move |ev| {
                        // An empty or unreadable entry counts as 0, which validation explains.
                        let value = event_target_value(&ev).trim().parse::<u32>().unwrap_or(0);
                        draft.update(|d| set(d, value));
                    }
                    on:blur=move |_| state.touch(field) />
            </span>
        </FormGroup>
    }
}

/// The `<option>`s for Windows or for Linux choices.
fn os_options(windows: bool) -> impl IntoView {
    OsChoice::all()
        .into_iter()
        .filter(|os| matches!(os, OsChoice::Windows(_)) == windows)
        .map(|os| view! { <option value=os.id()>{os.label()}</option> })
        .collect_view()
}
