//! The VM page's account of what its scheduled restarts did: the Jobs' state and the steps
//! they told as Events (waited for users, took a snapshot, restarted, gave up), kept after the
//! schedule itself is gone.

use chrono::Utc;
use leptos::prelude::*;

use std::time::Duration;

use crate::api::polled::Polled;
use crate::api::{Api, ListParams};
use crate::components::icons::{Icon, IconKind};
use crate::context::use_client;
use crate::logic::age::{absolute_utc, relative_age};
use crate::logic::restart_history::{restart_steps, JobState};
use crate::logic::restart_schedule::{selector, VM_LABEL};
use crate::model::{Event, Job};

#[component]
pub fn RestartHistory(namespace: String, vm: String) -> impl IntoView {
    let client = use_client();
    let labels = format!("{},{VM_LABEL}={vm}", selector());
    // Read every few seconds: a Job's steps come minutes apart, and watches are scarce.
    let history = Polled::new(Duration::from_secs(5), move || {
        let (client, namespace, labels) = (client.clone(), namespace.clone(), labels.clone());
        async move {
            let only_ours = ListParams::labelled(&labels);
            let (events, _) = Api::<Event>::namespaced(&client, &namespace)
                .list(&only_ours)
                .await?;
            let (jobs, _) = Api::<Job>::namespaced(&client, &namespace)
                .list(&only_ours)
                .await?;
            Ok((events, jobs))
        }
    });
    let steps = Memo::new(move |_| {
        history.with(|h| {
            h.and_then(|h| h.as_ref().ok())
                .map(|(events, _)| restart_steps(events))
                .unwrap_or_default()
        })
    });
    let job_states = Memo::new(move |_| {
        history.with(|h| {
            h.and_then(|h| h.as_ref().ok())
                .map(|(_, jobs)| {
                    jobs.iter()
                        .map(|job| (job.metadata.name.clone(), JobState::of(job)))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    move || {
        let (steps, jobs) = (steps.get(), job_states.get());
        (!steps.is_empty() || !jobs.is_empty()).then(|| {
            let now = Utc::now();
            view! {
                <section
                    class="pf-v6-c-page__main-section"
                    aria-labelledby="wvm-restart-history-title"
                    data-testid="restart-history"
                >
                    <h2 class="pf-v6-c-title pf-m-lg" id="wvm-restart-history-title">
                        "What scheduled restarts did"
                    </h2>
                    <ul class="wvm-scheduled" role="list">
                        {jobs
                            .into_iter()
                            .map(|(name, state)| {
                                let (text, failed) = match state {
                                    JobState::Running(since) => {
                                        (
                                            format!(
                                                "Job {name} is running{}.",
                                                since
                                                    .map(|t| format!(", started {}", relative_age(t, now)))
                                                    .unwrap_or_default(),
                                            ),
                                            false,
                                        )
                                    }
                                    JobState::Succeeded => (format!("Job {name} finished."), false),
                                    JobState::Failed(reason) => {
                                        (format!("Job {name} failed: {reason}"), true)
                                    }
                                };
                                view! {
                                    <li
                                        class="wvm-scheduled__item"
                                        class:wvm-scheduled__item--failed=failed
                                        data-testid="restart-job"
                                    >
                                        <span class="wvm-scheduled__text">{text}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                        {steps
                            .into_iter()
                            .map(|step| {
                                let (age, exact) = step
                                    .at
                                    .map(|t| (relative_age(t, now), absolute_utc(t)))
                                    .unwrap_or_default();
                                view! {
                                    <li
                                        class="wvm-scheduled__item"
                                        class:wvm-scheduled__item--failed=step.warning
                                        data-testid="restart-step"
                                    >
                                        <span class="wvm-scheduled__icon">
                                            {if step.warning {
                                                view! { <Icon kind=IconKind::ExclamationTriangle /> }
                                            } else {
                                                view! { <Icon kind=IconKind::InfoCircle /> }
                                            }}
                                        </span>
                                        <div class="wvm-scheduled__text">
                                            <p>
                                                <strong>{step.title}</strong>
                                                " "
                                                <span class="wvm-muted" title=exact>
                                                    {age}
                                                </span>
                                            </p>
                                            <p>{step.message}</p>
                                        </div>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
