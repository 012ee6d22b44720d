//! The wizard's step list (marking the steps with problems, and those checked and complete) and
//! its footer (Next, Skip to review, Back, Create, Cancel).

use leptos::prelude::*;

use super::{draft_store, Wizard};
use crate::components::icons::{Icon, IconKind};
use crate::components::{Button, ButtonLink, ButtonVariant};
use crate::logic::routes::AppRoute;
use crate::logic::wizard_steps::WizardStep;
use crate::pages::links::href;

/// On narrow screens the step list folds away behind this button, which names the current step.
#[component]
pub fn StepToggle(wizard: Wizard, open: RwSignal<bool>) -> impl IntoView {
    let number = move || {
        WizardStep::ALL
            .iter()
            .position(|s| *s == wizard.step.get())
            .map_or(1, |i| i + 1)
    };
    view! {
        <button
            type="button"
            class="pf-v6-c-wizard__toggle"
            class:pf-m-expanded=move || open.get()
            aria-expanded=move || open.get().to_string()
            aria-controls="wvm-wizard-steps"
            on:click=move |_| open.update(|o| *o = !*o)
        >
            <span class="pf-v6-c-wizard__toggle-list">
                <span class="pf-v6-c-wizard__toggle-list-item">
                    <span class="pf-v6-c-wizard__toggle-num">{number}</span>
                    {move || wizard.step.get().title()}
                </span>
            </span>
            <span class="pf-v6-c-wizard__toggle-icon">
                <Icon kind=IconKind::CaretDown />
            </span>
        </button>
    }
}

/// The list of steps; any step can be opened, moving forward shows the problems left behind.
#[component]
pub fn StepNav(wizard: Wizard, open: RwSignal<bool>) -> impl IntoView {
    view! {
        <nav
            class="pf-v6-c-wizard__nav wvm-wizard__nav"
            class:pf-m-expanded=move || open.get()
            id="wvm-wizard-steps"
            aria-label="Steps"
        >
            <ol class="pf-v6-c-wizard__nav-list">
                {WizardStep::ALL
                    .into_iter()
                    .map(|step| {
                        let current = move || wizard.step.get() == step;
                        let problems = move || wizard.step_has_problems(step);
                        let valid = move || !current() && wizard.step_is_valid(step);
                        view! {
                            <li class="pf-v6-c-wizard__nav-item">
                                <button
                                    type="button"
                                    class="pf-v6-c-wizard__nav-link"
                                    class:pf-m-current=current
                                    class:pf-m-danger=problems
                                    id=format!("wvm-step-{}", step.id())
                                    aria-current=move || current().then_some("step")
                                    on:click=move |_| {
                                        open.set(false);
                                        wizard.go(step)
                                    }
                                >
                                    <span class="pf-v6-c-wizard__nav-link-main">
                                        <span class="pf-v6-c-wizard__nav-link-text">
                                            {step.title()}
                                        </span>
                                        {move || {
                                            if problems() {
                                                Some(
                                                    view! {
                                                        <span class="pf-v6-c-wizard__nav-link-status-icon">
                                                            <Icon kind=IconKind::ExclamationCircle />
                                                            <span class="pf-v6-screen-reader">" (has problems)"</span>
                                                        </span>
                                                    }
                                                        .into_any(),
                                                )
                                            } else if valid() {
                                                Some(
                                                    view! {
                                                        <span class="pf-v6-c-wizard__nav-link-status-icon wvm-step-valid">
                                                            <Icon kind=IconKind::CheckCircle />
                                                            <span class="pf-v6-screen-reader">" (complete)"</span>
                                                        </span>
                                                    }
                                                        .into_any(),
                                                )
                                            } else {
                                                None
                                            }
                                        }}
                                    </span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

/// Next / Skip to review / Back / Create / Cancel.
#[component]
pub fn StepFooter(
    wizard: Wizard,
    on_create: Callback<()>,
    #[prop(into)] creating: Signal<bool>,
) -> impl IntoView {
    let step = wizard.step;
    let on_review = move || step.get() == WizardStep::Review;
    let cancel_href = move || {
        href(&AppRoute::VmList {
            namespace: Some(wizard.draft.read().namespace.clone()).filter(|n| !n.is_empty()),
        })
    };
    view! {
        <footer class="pf-v6-c-wizard__footer">
            <Show
                when=on_review
                fallback=move || {
                    view! {
                        <Button
                            test_id="wizard-next"
                            on_click=Callback::new(move |_| {
                                if let Some(next) = step.get_untracked().next() {
                                    wizard.go(next)
                                }
                            })
                        >
                            "Next"
                        </Button>
                        <Button
                            variant=ButtonVariant::Secondary
                            test_id="wizard-review"
                            on_click=Callback::new(move |_| wizard.review())
                        >
                            "Skip to review"
                        </Button>
                    }
                }
            >
                <Button disabled=creating on_click=on_create>
                    {move || if creating.get() { "Creating…" } else { "Create virtual machine" }}
                </Button>
            </Show>
            <Button
                variant=ButtonVariant::Secondary
                disabled=Signal::derive(move || step.get().previous().is_none())
                on_click=Callback::new(move |_| {
                    if let Some(previous) = step.get_untracked().previous() {
                        step.set(previous)
                    }
                })
            >
                "Back"
            </Button>
            <div class="wvm-wizard__cancel">
                <ButtonLink
                    variant=ButtonVariant::Link
                    href=Signal::derive(cancel_href)
                    on_click=Callback::new(move |_| draft_store::clear())
                >
                    "Cancel"
                </ButtonLink>
            </div>
        </footer>
    }
}
