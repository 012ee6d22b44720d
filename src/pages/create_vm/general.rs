//! The General step: name, namespace, operating system (with the guest tools notice for
//! Windows), size and boot source.

use leptos::prelude::*;

use super::boot_fields::BootFields;
use super::size_fields::SizeFields;
use super::windows_notice::WindowsNotice;
use super::Wizard;
use crate::api::namespaces::NamespaceNames;
use crate::components::{FormGroup, SelectCaret};
use crate::logic::vm_draft::{DraftField, OsChoice};

#[component]
pub fn GeneralStep(wizard: Wizard) -> impl IntoView {
    let draft = wizard.draft;
    let NamespaceNames(namespaces) = NamespaceNames::expect();
    let namespace_options = move || {
        let mut names = namespaces.get().and_then(Result::ok).unwrap_or_default();
        let current = draft.read().namespace.clone();
        if !current.is_empty() && !names.contains(&current) {
            names.push(current);
        }
        names
    };
    let name_error = wizard.error(DraftField::Name);
    view! {
        <div class="pf-v6-c-form wvm-create-form">
            <FormGroup
                id="vm-name"
                label="Name"
                required=true
                error=name_error
                hint="Lowercase letters, digits and '-'; it becomes the VM's hostname."
            >
                <span
                    class="pf-v6-c-form-control"
                    class:pf-m-error=move || name_error.get().is_some()
                >
                    <input
                        id="vm-name"
                        type="text"
                        autocomplete="off"
                        required
                        aria-invalid=move || name_error.get().is_some().to_string()
                        prop:value=move || draft.read().name.clone()
                        on:input=move |ev| {
                            draft.update(|d| d.name = event_target_value(&ev));
                            wizard.touch(DraftField::Name);
                        }
                    />
                </span>
            </FormGroup>
            <FormGroup
                id="vm-namespace"
                label="Namespace"
                required=true
                error=wizard.error(DraftField::Namespace)
            >
                <span class="pf-v6-c-form-control wvm-select">
                    <select
                        id="vm-namespace"
                        prop:value=move || draft.read().namespace.clone()
                        on:change=move |ev| draft.update(|d| d.namespace = event_target_value(&ev))
                    >
                        <option value="" disabled=true>
                            "Choose a namespace"
                        </option>
                        <For each=namespace_options key=|n| n.clone() let:name>
                            <option
                                value=name.clone()
                                selected=move || draft.read().namespace == name
                            >
                                {name.clone()}
                            </option>
                        </For>
                    </select>
                    <SelectCaret />
                </span>
            </FormGroup>
            <FormGroup id="vm-os" label="Operating system" required=true>
                <span class="pf-v6-c-form-control wvm-select">
                    <select
                        id="vm-os"
                        prop:value=move || draft.read().os.id()
                        on:change=move |ev| {
                            if let Some(os) = OsChoice::from_id(&event_target_value(&ev)) {
                                wizard.set_os(os);
                            }
                        }
                    >
                        <optgroup label="Windows">{os_options(true)}</optgroup>
                        <optgroup label="Linux">{os_options(false)}</optgroup>
                    </select>
                    <SelectCaret />
                </span>
            </FormGroup>
            <Show when=move || draft.read().is_windows()>
                <WindowsNotice />
            </Show>
            <SizeFields wizard />
            <BootFields wizard />
        </div>
    }
}

/// The `<option>`s for Windows or for Linux choices.
fn os_options(windows: bool) -> impl IntoView {
    OsChoice::all()
        .into_iter()
        .filter(|os| os.windows().is_some() == windows)
        .map(|os| view! { <option value=os.id()>{os.label()}</option> })
        .collect_view()
}
