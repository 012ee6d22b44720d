//! The VM list page: every VM in the chosen namespace, or in all of them.

mod toolbar;
mod vm_table;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::live_list::{ListTarget, LiveList};
use crate::api::ApiError;
use crate::components::icons::IconKind;
use crate::components::{Button, ButtonLink, ButtonVariant, EmptyState, Loaded, ReadPhase};
use crate::context::use_client;
use crate::logic::routes::AppRoute;
use crate::logic::vm_list::rows;
use crate::logic::vm_list_view::{visible_rows, RowFilter, SortOrder};
use crate::model::{VirtualMachine, VirtualMachineInstance};
use crate::pages::links::href;
use crate::pages::scheduled_restarts::scheduled_restarts;
use crate::pages::vm_actions::{RowActionFeedback, RowActions};
use toolbar::ListToolbar;
use vm_table::VmTable;

/// Lists VMs with their status, OS and age.
#[component]
pub fn VmListPage() -> impl IntoView {
    let params = use_params_map();
    let namespace = Memo::new(move |_| params.read().get("ns"));
    let client = use_client();
    // One live list per kind; instances tell which VMs have the guest agent and their
    // addresses. Without them (still loading, or not allowed) the VMs show without hints.
    let row_actions = RowActions::new(client.clone());
    let vms = LiveList::<VirtualMachine>::new(client.clone(), move || {
        ListTarget::all(namespace.get().as_deref())
    });
    let schedules = scheduled_restarts(client.clone(), move || namespace.get());
    let vmis = LiveList::<VirtualMachineInstance>::new(client, move || {
        ListTarget::all(namespace.get().as_deref())
    });
    // What the user filters and sorts by stays while they switch namespaces.
    let filter = RwSignal::new(RowFilter::default());
    let order = RwSignal::new(SortOrder::default());
    let all_rows = Memo::new(move |_| {
        vms.with(|listed| match listed {
            Some(Ok(list)) => vmis.with(|instances| {
                let instances = instances.and_then(|i| i.as_ref().ok());
                rows(list, instances.map(Vec::as_slice))
            }),
            _ => Vec::new(),
        })
    });
    // What the section shows changes only with the phase, not with every watch event.
    let phase = Memo::new(move |_| {
        vms.with(|listed| ReadPhase::of(listed, |list| list.is_empty(), |_| ()))
    });
    let shown = Memo::new(move |_| visible_rows(&all_rows.read(), &filter.read(), order.get()));
    let create_href = move || {
        href(&AppRoute::CreateVm {
            namespace: namespace.get(),
        })
    };

    view! {
        <section class="pf-v6-c-page__main-section wvm-page-header">
            <h1 class="pf-v6-c-title pf-m-2xl">"Virtual machines"</h1>
            <ButtonLink href=Signal::derive(create_href)>"Create virtual machine"</ButtonLink>
        </section>
        <section class="pf-v6-c-page__main-section wvm-vm-list" aria-label="Virtual machine list">
            <RowActionFeedback actions=row_actions />
            <Loaded
                phase
                loading_label="Loading virtual machines"
                error_title="Could not load virtual machines"
                error_message=Callback::new(move |err: ApiError| {
                    list_error_message(&err, namespace.get_untracked().as_deref())
                })
                on_retry=Callback::new(move |_| vms.retry())
                empty=move || view! { <NoVms namespace=namespace.get_untracked() /> }
                let:_listed
            >
                <ListToolbar
                    filter
                    shown=Signal::derive(move || shown.read().len())
                    total=Signal::derive(move || all_rows.read().len())
                />
                <Show
                    when=move || !shown.read().is_empty()
                    fallback=move || view! { <NoMatch filter /> }
                >
                    <VmTable
                        rows=shown
                        show_namespace=namespace.get_untracked().is_none()
                        order
                        row_actions
                        schedules
                    />
                </Show>
            </Loaded>
        </section>
    }
}

/// The empty state: nothing here yet, and where to start.
#[component]
fn NoVms(namespace: Option<String>) -> impl IntoView {
    let body = match &namespace {
        Some(ns) => format!("There are no virtual machines in namespace {ns} yet."),
        None => "There are no virtual machines in any namespace yet.".to_owned(),
    };
    let create = href(&AppRoute::CreateVm { namespace });
    view! {
        <EmptyState icon=IconKind::Desktop title="No virtual machines" body=body>
            <ButtonLink href=create>"Create virtual machine"</ButtonLink>
        </EmptyState>
    }
}

/// Nothing matches the filter: say so and offer to clear it.
#[component]
fn NoMatch(filter: RwSignal<RowFilter>) -> impl IntoView {
    view! {
        <EmptyState
            icon=IconKind::Search
            title="No virtual machines match"
            body="No virtual machine here matches the name or status you filter by."
        >
            <Button
                variant=ButtonVariant::Link
                on_click=Callback::new(move |_| filter.set(RowFilter::default()))
            >
                "Clear filters"
            </Button>
        </EmptyState>
    }
}

/// Says what a failed list means for this page; a 403 names the namespace.
fn list_error_message(err: &ApiError, namespace: Option<&str>) -> String {
    if err.is_forbidden() {
        return match namespace {
            Some(ns) => format!("You may not list virtual machines in namespace {ns}. Ask an administrator for access, or choose another namespace."),
            None => "You may not list virtual machines in all namespaces. Choose a namespace you have access to.".to_owned(),
        };
    }
    if err.is_not_found() {
        return "The API server does not serve virtual machines. Is KubeVirt installed on this cluster?".to_owned();
    }
    err.user_message()
}
