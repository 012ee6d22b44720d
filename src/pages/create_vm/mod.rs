//! The create wizard: General, Networking, Storage, Advanced, Review. Holds the draft (kept in
//! session storage), what the cluster offers, and Create (dry run first, never twice).

mod advanced;
mod boot_fields;
mod defaults;
mod device_list;
mod disk_modal;
mod draft_store;
mod general;
mod networking;
mod nic_modal;
mod refusal;
mod review;
mod size_fields;
mod step_nav;
mod storage;
mod sysprep_fields;
mod unattend_form;
mod windows_notice;

use std::collections::HashSet;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::api::resource::ApiResource;
use crate::api::{self, ApiError};
use crate::components::{Alert, AlertVariant, Button, ButtonVariant, ErrorAlert, Mutation};
use crate::context::{use_client, use_config};
use crate::logic::cluster_options::ClusterOptions;
use crate::logic::create_defaults::with_cluster_defaults;
use crate::logic::os::WindowsVersion;
use crate::logic::routes::AppRoute;
use crate::logic::sysprep_volume::{sysprep_object, SysprepObject};
use crate::logic::vm_builder::build_vm;
use crate::logic::vm_draft::{validate, DraftField, DraftProblem, OsChoice, VmDraft};
use crate::logic::wizard_steps::WizardStep;
use crate::model::VirtualMachine;
use draft_store::StoredWizard;

/// The wizard's state, shared with its steps.
#[derive(Clone, Copy)]
pub(crate) struct Wizard {
    pub draft: RwSignal<VmDraft>,
    pub step: RwSignal<WizardStep>,
    touched: RwSignal<HashSet<DraftField>>,
    /// Steps the user tried to leave or create from: all their problems show.
    checked: RwSignal<HashSet<WizardStep>>,
    problems: Memo<Vec<DraftProblem>>,
    /// Problems the server named when it refused the VM, with the step that owns each.
    pub server_problems: RwSignal<Vec<(WizardStep, String)>>,
    pub cluster: Signal<ClusterOptions>,
}

impl Wizard {
    /// The problem of a field, once the user has left it or tried to move on.
    pub fn error(self, field: DraftField) -> Signal<Option<String>> {
        Signal::derive(move || {
            let shown = self.checked.read().contains(&WizardStep::of_field(field))
                || self.touched.read().contains(&field);
            shown.then(|| self.problem_of(field)).flatten()
        })
    }

    fn problem_of(self, field: DraftField) -> Option<String> {
        self.problems
            .read()
            .iter()
            .find(|p| p.field == field)
            .map(|p| p.message.clone())
    }

    /// Every problem of a field, shown or not (for lists of devices).
    pub fn all_errors(self, field: DraftField) -> Vec<String> {
        self.problems
            .read()
            .iter()
            .filter(|p| p.field == field)
            .map(|p| p.message.clone())
            .collect()
    }

    /// Marks a field as visited, so its problem shows.
    pub fn touch(self, field: DraftField) {
        self.touched.update(|t| {
            t.insert(field);
        });
    }

    /// Whether a step has a problem the user should see (in the step list).
    pub fn step_has_problems(self, step: WizardStep) -> bool {
        let draft_problem = self.checked.read().contains(&step)
            && self
                .problems
                .read()
                .iter()
                .any(|p| WizardStep::of_field(p.field) == step);
        draft_problem || self.server_problems.read().iter().any(|(s, _)| *s == step)
    }

    /// Moves to `step`. Moving forward shows the problems of every step passed so far; if one
    /// has any, the wizard goes to the first such step instead.
    pub fn go(self, step: WizardStep) {
        let current = self.step.get_untracked();
        if step > current {
            self.checked
                .update(|c| c.extend(WizardStep::ALL.into_iter().filter(|s| *s <= current)));
            let first_problem = self
                .problems
                .read_untracked()
                .iter()
                .map(|p| WizardStep::of_field(p.field))
                .filter(|s| *s <= current)
                .min();
            if let Some(problem_step) = first_problem {
                self.step.set(problem_step);
                return;
            }
        }
        self.step.set(step);
    }

    /// Changes the operating system; what the user has not chosen follows it.
    pub fn set_os(self, os: OsChoice) {
        let options = self.cluster.get_untracked();
        self.draft
            .update(|d| *d = with_cluster_defaults(&d.with_os(os), &options));
    }

    /// Whether a step was checked and has nothing left to fix (marked done in the step list).
    pub fn step_is_valid(self, step: WizardStep) -> bool {
        self.checked.read().contains(&step) && !self.step_has_problems(step)
    }

    /// Goes straight to Review when no step has a problem, else to the first step with one.
    pub fn review(self) {
        if self.ready_to_create() {
            self.step.set(WizardStep::Review);
        }
    }

    /// Before Create: shows every problem and moves to the first step that has one.
    fn ready_to_create(self) -> bool {
        self.checked.set(WizardStep::ALL.into_iter().collect());
        let first = self
            .problems
            .read_untracked()
            .iter()
            .map(|p| WizardStep::of_field(p.field))
            .min();
        match first {
            Some(step) => {
                self.step.set(step);
                false
            }
            None => true,
        }
    }
}

/// Creates a VM, step by step.
#[component]
pub fn CreateVmPage() -> impl IntoView {
    let params = use_params_map();
    let namespace = params.get_untracked().get("ns").unwrap_or_default();
    let stored = draft_store::load();
    let restored = stored.is_some();
    let secrets_asked_again = stored.as_ref().is_some_and(|s| s.secrets_left_out);
    let (initial_draft, initial_step) = match stored {
        Some(StoredWizard { draft, step, .. }) => (draft, step),
        None => (fresh_draft(&namespace), WizardStep::General),
    };
    let draft = RwSignal::new(initial_draft);
    let step = RwSignal::new(initial_step);
    Effect::new(move |_| draft_store::save(&draft.read(), step.get()));

    let config = use_config();
    let client = use_client();
    // Read again only when the namespace changes; the last answer stays while a new one loads.
    let namespace_now = Memo::new(move |_| draft.read().namespace.clone());
    let options = {
        let client = client.clone();
        let fallback = config.guest_tools_image.clone();
        ApiResource::new(
            move || namespace_now.get(),
            move |ns| {
                let (client, fallback) = (client.clone(), fallback.clone());
                async move {
                    Ok::<_, ApiError>(api::cluster_options::load(&client, &ns, &fallback).await)
                }
            },
        )
    };
    let unknown = ClusterOptions::unknown(&config.guest_tools_image);
    let cluster: Signal<ClusterOptions> =
        Memo::new(move |last: Option<&ClusterOptions>| match options.get() {
            Some(Ok(loaded)) => loaded,
            _ => last.cloned().unwrap_or_else(|| unknown.clone()),
        })
        .into();

    let wizard = Wizard {
        draft,
        step,
        touched: RwSignal::new(HashSet::new()),
        checked: RwSignal::new(HashSet::new()),
        problems: Memo::new(move |_| validate(&draft.read())),
        server_problems: RwSignal::new(Vec::new()),
        cluster,
    };
    defaults::follow_cluster_defaults(wizard);
    defaults::fill_namespace(wizard, client.clone());
    // What the server said was about the draft as it was; an edit may have answered it.
    Effect::new(move |previous: Option<()>| {
        draft.track();
        if previous.is_some() {
            wizard.server_problems.set(Vec::new());
        }
    });

    let create = Mutation::new(move |asked: NewVm| {
        let client = client.clone();
        async move {
            api::new_vm::create(
                &client,
                &asked.vm,
                asked.sysprep.as_ref(),
                asked.rdp,
                &asked.id,
            )
            .await
        }
    });
    let navigate = StoredValue::new_local(use_navigate());
    let on_create = Callback::new(move |()| {
        if create.pending().get_untracked() || !wizard.ready_to_create() {
            return;
        }
        let asked = draft.get_untracked();
        let vm = build_vm(&asked, &cluster.get_untracked());
        let input = NewVm {
            vm,
            sysprep: sysprep_object(&asked),
            rdp: asked.rdp_service_to_create(),
            id: asked.creation_id.clone(),
        };
        create.dispatch_then(input, move |outcome| match outcome {
            Ok(created) => {
                draft_store::clear();
                crate::pages::last_namespace::save(created.vm.namespace());
                let path = created_path(&created.vm, created.rdp_service_failed.is_some());
                navigate.with_value(|navigate| navigate(&path, Default::default()));
            }
            Err(err) => wizard
                .server_problems
                .set(refusal::server_problems(err, &draft.get_untracked())),
        });
    });
    let steps_open = RwSignal::new(false);
    let start_over = Callback::new(move |_| {
        draft_store::clear();
        // Where the VM goes is not part of what is started over.
        let kept_namespace = draft.with_untracked(|d| d.namespace.clone());
        draft.set(fresh_draft(&kept_namespace));
        step.set(WizardStep::General);
    });

    view! {
        <section class="pf-v6-c-page__main-section wvm-page-header">
            <h1 class="pf-v6-c-title pf-m-2xl">"Create virtual machine"</h1>
            {restored
                .then(|| {
                    view! {
                        <p class="wvm-restored" data-testid="draft-restored">
                            "Your unfinished virtual machine was kept. "
                            <Button variant=ButtonVariant::InlineLink on_click=start_over>
                                "Start over"
                            </Button>
                        </p>
                        {secrets_asked_again
                            .then(|| {
                                view! {
                                    <Alert
                                        variant=AlertVariant::Info
                                        class="wvm-secrets-again"
                                        test_id="secrets-asked-again"
                                        title="Enter the secrets of the answer file again"
                                    >
                                        <p>
                                            "Passwords, the product key and uploaded answer files are never kept in the browser, where other pages of this site could read them: enter them again under Advanced, Sysprep."
                                        </p>
                                    </Alert>
                                }
                            })}
                    }
                })}
        </section>
        <section class="pf-v6-c-page__main-section wvm-wizard-section">
            <div class="pf-v6-c-wizard pf-m-plain wvm-wizard">
                <step_nav::StepToggle wizard open=steps_open />
                <div class="pf-v6-c-wizard__outer-wrap">
                    <div class="pf-v6-c-wizard__inner-wrap">
                        <step_nav::StepNav wizard open=steps_open />
                        <main class="pf-v6-c-wizard__main" aria-labelledby="wvm-step-title">
                            <div class="pf-v6-c-wizard__main-body">
                                <h2
                                    class="pf-v6-c-title pf-m-xl wvm-step-title"
                                    id="wvm-step-title"
                                >
                                    {move || step.get().title()}
                                </h2>
                                <ServerProblems wizard />
                                {move || {
                                    let unread = cluster.read().unread.clone();
                                    (!unread.is_empty())
                                        .then(|| {
                                            view! {
                                                <ErrorAlert
                                                    title="Some of what the cluster offers could not be read, so fewer choices are shown"
                                                    message=unread.join("; ")
                                                    on_retry=Callback::new(move |()| options.refetch())
                                                />
                                            }
                                        })
                                }}
                                {move || match step.get() {
                                    WizardStep::General => {
                                        view! { <general::GeneralStep wizard /> }.into_any()
                                    }
                                    WizardStep::Networking => {
                                        view! { <networking::NetworkingStep wizard /> }.into_any()
                                    }
                                    WizardStep::Storage => {
                                        view! { <storage::StorageStep wizard /> }.into_any()
                                    }
                                    WizardStep::Advanced => {
                                        view! { <advanced::AdvancedStep wizard /> }.into_any()
                                    }
                                    WizardStep::Review => {
                                        view! { <review::ReviewStep wizard /> }.into_any()
                                    }
                                }}
                            </div>
                        </main>
                    </div>
                    <step_nav::StepFooter wizard on_create creating=create.pending() />
                </div>
            </div>
        </section>
    }
}

/// What the server said against the current step.
#[component]
fn ServerProblems(wizard: Wizard) -> impl IntoView {
    let here = move || {
        let step = wizard.step.get();
        wizard
            .server_problems
            .read()
            .iter()
            .filter(|(s, _)| *s == step || (step == WizardStep::Review))
            .map(|(_, message)| message.clone())
            .collect::<Vec<_>>()
    };
    move || {
        let messages = here();
        (!messages.is_empty()).then(|| {
            view! {
                <Alert
                    variant=AlertVariant::Danger
                    class="wvm-server-problems"
                    role="alert"
                    test_id="server-problems"
                    title="The virtual machine was not created"
                >
                    <ul>{messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                </Alert>
            }
        })
    }
}

/// A new draft for `namespace`: Windows 11, the design's first case.
fn fresh_draft(namespace: &str) -> VmDraft {
    VmDraft::new(
        namespace,
        OsChoice::Windows(WindowsVersion::Windows11),
        draft_store::new_creation_id(),
    )
}

/// What the wizard creates.
struct NewVm {
    vm: serde_json::Value,
    sysprep: Option<SysprepObject>,
    rdp: Option<crate::logic::remote_desktop::ServiceKind>,
    id: String,
}

/// The new VM's page, told it was just created (it then says what to do next) and whether
/// its Remote Desktop Service failed.
fn created_path(vm: &VirtualMachine, rdp_service_failed: bool) -> String {
    let details = AppRoute::VmDetails {
        namespace: vm.namespace().to_owned(),
        name: vm.name().to_owned(),
    };
    let rdp = if rdp_service_failed {
        "&rdp=failed"
    } else {
        ""
    };
    format!("{}?created=1{rdp}", details.path())
}
