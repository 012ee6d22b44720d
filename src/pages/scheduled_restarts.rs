//! Scheduled restarts where users look for them: a clock beside the status in the list, and a
//! section on the VM's page that says what, when and who, with a way to cancel.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::api::live_list::{ListTarget, LiveList};
use crate::api::{self, ApiClient};
use crate::components::icons::{Icon, IconKind};
use crate::components::{Button, ButtonVariant, ErrorAlert, Mutation};
use crate::context::use_client;
use crate::logic::restart_schedule::{selector, ScheduledRestart, VM_LABEL};
use crate::model::{CronJob, ObjectRef};
use crate::pages::browser_zone::local_label;

/// The scheduled restarts a label selector finds (in a namespace, or all), live. Without leave
/// to list CronJobs there are simply none.
fn live_restarts(
    client: ApiClient,
    namespace: impl Fn() -> Option<String> + 'static,
    selector: String,
) -> Memo<Vec<ScheduledRestart>> {
    let cron_jobs = LiveList::<CronJob>::new(client, move || {
        ListTarget::labelled(namespace().as_deref(), &selector)
    });
    Memo::new(move |_| {
        cron_jobs.with(|listed| {
            listed
                .and_then(|l| l.as_ref().ok())
                .map(|jobs| {
                    jobs.iter()
                        .filter_map(ScheduledRestart::from_cron_job)
                        .collect()
                })
                .unwrap_or_default()
        })
    })
}

/// The scheduled restarts in a namespace (or all), live, by `namespace/vm`.
pub fn scheduled_restarts(
    client: ApiClient,
    namespace: impl Fn() -> Option<String> + 'static,
) -> Memo<HashMap<String, ScheduledRestart>> {
    let restarts = live_restarts(client, namespace, selector());
    Memo::new(move |_| {
        restarts
            .get()
            .into_iter()
            .map(|s| (format!("{}/{}", s.namespace, s.vm), s))
            .collect()
    })
}

/// The clock beside a VM's status; a warning when the scheduled restart did not happen.
#[component]
pub fn ScheduleBadge(restart: ScheduledRestart) -> impl IntoView {
    let when = local_label(restart.when);
    let (label, icon, class) = if restart.did_not_happen(chrono::Utc::now()) {
        (
            format!("The restart scheduled for {when} did not happen"),
            IconKind::ExclamationTriangle,
            "wvm-schedule-badge wvm-schedule-badge--failed",
        )
    } else {
        (
            format!("Restart scheduled for {when}"),
            IconKind::Clock,
            "wvm-schedule-badge",
        )
    };
    view! {
        <span class=class role="img" aria-label=label.clone() title=label>
            <Icon kind=icon />
        </span>
    }
}

/// The VM page's section: each scheduled restart, and Cancel.
#[component]
pub fn ScheduledActions(namespace: String, vm: String) -> impl IntoView {
    let client = use_client();
    let restarts = live_restarts(
        client.clone(),
        {
            let namespace = namespace.clone();
            move || Some(namespace.clone())
        },
        format!("{},{VM_LABEL}={vm}", selector()),
    );
    let cancel = Mutation::new(move |name: String| {
        let (client, schedule) = (client.clone(), ObjectRef::new(&namespace, &name));
        async move { api::workflows::schedule::cancel(&client, &schedule).await }
    });
    move || {
        (!restarts.read().is_empty()).then(|| view! {
            <section
                class="pf-v6-c-page__main-section"
                aria-labelledby="wvm-scheduled-title"
                data-testid="scheduled-actions"
            >
                <h2 class="pf-v6-c-title pf-m-lg" id="wvm-scheduled-title">
                    "Scheduled actions"
                </h2>
                <ul class="wvm-scheduled" role="list">
                    {restarts
                        .get()
                        .into_iter()
                        .map(|restart| {
                            let name = restart.name.clone();
                            let failed = restart.did_not_happen(chrono::Utc::now());
                            let logs = format!(
                                "kubectl logs -n {} -l {VM_LABEL}={}",
                                restart.namespace,
                                restart.vm,
                            );
                            view! {
                                <li class="wvm-scheduled__item" class:wvm-scheduled__item--failed=failed data-testid="scheduled-action">
                                <span class="wvm-scheduled__icon">
                                    {if failed { view! { <Icon kind=IconKind::ExclamationTriangle /> } } else { view! { <Icon kind=IconKind::Clock /> } }}
                                </span>
                                <div class="wvm-scheduled__text">
                                    <p><strong>{restart.reason.clone().unwrap_or_else(|| "Restart".to_owned())}</strong>
                                       {if failed { ": the restart at " } else { ": restart at " }} {local_label(restart.when)}
                                       {failed.then_some(" did not happen, and the VM was not restarted.")}</p>
                                    {failed.then(|| view! {
                                        <p data-testid="scheduled-action-failed">"Its Job, if it ran, says why: " <code>{logs}</code>
                                           ". Cancel the schedule to dismiss this, then restart the VM yourself or schedule again."</p>
                                    })}
                                    {restart.sign_out_deadline.map(|deadline| view! {
                                        <p data-testid="scheduled-action-sign-out">
                                            {format!("Only if nobody is signed in to the guest; otherwise it waits, and gives up at {}.", local_label(deadline))}
                                        </p>
                                    })}
                                    {restart.snapshot.clone().map(|snapshot| view! {
                                        <p>{format!("Takes the snapshot {snapshot} first.")}</p>
                                    })}
                                    <p class="wvm-muted">
                                        {format!("Scheduled by {}", restart.created_by.clone().unwrap_or_else(|| "an unknown user".to_owned()))}
                                        {restart.note.clone().map(|note| format!(" — {note}"))}
                                        {format!(" (CronJob {})", restart.name)}
                                    </p>
                                </div>
                                <Button variant=ButtonVariant::Secondary small=true disabled=cancel.pending()
                                    on_click=Callback::new(move |_| cancel.dispatch(name.clone()))>
                                    "Cancel schedule"
                                </Button>
                            </li>
                            }
                        })
                        .collect_view()}
                </ul>
                {move || {
                    cancel
                        .error()
                        .map(|err| {
                            view! {
                                <ErrorAlert
                                    title="Could not cancel the schedule"
                                    message=err.user_message()
                                />
                            }
                        })
                }}
            </section>
        })
    }
}
