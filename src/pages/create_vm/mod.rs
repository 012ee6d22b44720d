//! The create page: a Windows-aware form, the manifest it will send, and Create (validated by
//! the server with a dry run first).

mod fields;
mod windows_notice;

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::{self, ApiClient, ApiError};
use crate::components::ErrorAlert;
use crate::logic::os::WindowsVersion;
use crate::logic::routes::AppRoute;
use crate::logic::vm_builder::{build_vm, DEFAULT_GUEST_TOOLS_IMAGE};
use crate::logic::vm_draft::{validate, DraftField, DraftProblem, OsChoice, VmDraft};
use crate::logic::yaml::to_yaml;
use crate::model::VirtualMachine;
use fields::{IdentityFields, SizeAndBootFields};
use windows_notice::WindowsNotice;

/// The form's state, shared with its parts.
#[derive(Clone, Copy)]
pub(crate) struct DraftState {
    pub draft: RwSignal<VmDraft>,
    touched: RwSignal<HashSet<DraftField>>,
    submitted: RwSignal<bool>,
    problems: Memo<Vec<DraftProblem>>,
}

impl DraftState {
    /// The problem of a field, once the user has left it or tried to create.
    pub fn error(self, field: DraftField) -> Signal<Option<String>> {
        Signal::derive(move || {
            let shown = self.submitted.get() || self.touched.read().contains(&field);
            shown
                .then(|| {
                    self.problems
                        .read()
                        .iter()
                        .find(|p| p.field == field)
                        .map(|p| p.message.clone())
                })
                .flatten()
        })
    }

    /// Marks a field as visited, so its problem shows.
    pub fn touch(self, field: DraftField) {
        self.touched.update(|t| {
            t.insert(field);
        });
    }
}

/// Creates a VM from a form.
#[component]
pub fn CreateVmPage() -> impl IntoView {
    let params = use_params_map();
    let namespace = params.get_untracked().get("ns").unwrap_or_default();
    let draft = RwSignal::new(VmDraft::new(
        &namespace,
        OsChoice::Windows(WindowsVersion::Windows11),
    ));
    let problems = Memo::new(move |_| validate(&draft.read()));
    let state = DraftState {
        draft,
        touched: RwSignal::new(HashSet::new()),
        submitted: RwSignal::new(false),
        problems,
    };
    let manifest = Memo::new(move |_| to_yaml(&build_vm(&draft.read(), DEFAULT_GUEST_TOOLS_IMAGE)));

    let client = expect_context::<ApiClient>();
    let create = Action::new_local(move |draft: &VmDraft| {
        let client = client.clone();
        let draft = draft.clone();
        async move { create_vm(&client, &draft).await }
    });
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(vm)) = create.value().get() {
            let details = AppRoute::VmDetails {
                namespace: vm.namespace().to_owned(),
                name: vm.name().to_owned(),
            };
            navigate(&details.path(), Default::default());
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.submitted.set(true);
        if problems.read().is_empty() && !create.pending().get_untracked() {
            create.dispatch(draft.get_untracked());
        }
    };
    let failure = move || create.value().get().and_then(|result| result.err());
    let is_windows = move || matches!(draft.read().os, OsChoice::Windows(_));

    view! {
        <section class="pf-v6-c-page__main-section wvm-page-header">
            <h1 class="pf-v6-c-title pf-m-2xl">"Create virtual machine"</h1>
        </section>
        <section class="pf-v6-c-page__main-section">
            <form class="pf-v6-c-form wvm-create-form" novalidate on:submit=on_submit aria-label="Create virtual machine">
                <IdentityFields state />
                <Show when=is_windows><WindowsNotice /></Show>
                <SizeAndBootFields state />
                <details class="wvm-manifest">
                    <summary>"Review the YAML that will be sent"</summary>
                    <pre class="wvm-manifest__code" data-testid="manifest">{move || manifest.get()}</pre>
                </details>
                {move || failure().map(|err| view! {
                    <ErrorAlert title="Could not create the virtual machine" message=create_error_message(&err, &draft.read()) />
                })}
                <div class="pf-v6-c-form__group pf-m-action">
                    <div class="pf-v6-c-form__actions">
                        <button class="pf-v6-c-button pf-m-primary" type="submit" disabled=move || create.pending().get()>
                            <span class="pf-v6-c-button__text">
                                {move || if create.pending().get() { "Creating…" } else { "Create" }}
                            </span>
                        </button>
                        <a class="pf-v6-c-button pf-m-link" href=move || AppRoute::VmList { namespace: Some(draft.read().namespace.clone()).filter(|n| !n.is_empty()) }.path()>
                            <span class="pf-v6-c-button__text">"Cancel"</span>
                        </a>
                    </div>
                </div>
            </form>
        </section>
    }
}

/// Asks the server to validate the VM (dry run), then creates it.
async fn create_vm(client: &ApiClient, draft: &VmDraft) -> Result<VirtualMachine, ApiError> {
    let vm = build_vm(draft, DEFAULT_GUEST_TOOLS_IMAGE);
    api::vms::create(client, &draft.namespace, &vm, true).await?;
    api::vms::create(client, &draft.namespace, &vm, false).await
}

fn create_error_message(err: &ApiError, draft: &VmDraft) -> String {
    match err.code() {
        Some(409) => format!(
            "A virtual machine named {} already exists in namespace {}. Choose another name.",
            draft.name, draft.namespace
        ),
        Some(403) => format!(
            "You may not create virtual machines in namespace {}.",
            draft.namespace
        ),
        _ => err.user_message(),
    }
}
