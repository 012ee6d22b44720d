//! The VM list page: every VM in the chosen namespace, or in all of them.

mod bulk_bar;
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
use crate::logic::vm_list::{VmFacts, VmiFacts};
use crate::logic::vm_list_csv::vm_list_csv;
use crate::logic::vm_list_store::{KeyedFacts, ListRows};
use crate::logic::vm_list_view::{RowFilter, SortOrder};
use crate::model::{VirtualMachine, VirtualMachineInstance};
use crate::pages::download::download;
use crate::pages::links::href;
use crate::pages::scheduled_restarts::scheduled_restarts;
use crate::pages::vm_actions::{RowActionFeedback, RowActions};
use bulk_bar::BulkBar;
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
    // Each VM and instance is kept once, in the compact form the rows need.
    let vms = LiveList::<VirtualMachine, KeyedFacts<VmFacts>>::new(client.clone(), move || {
        ListTarget::all(namespace.get().as_deref())
    });
    let schedules = scheduled_restarts(client.clone(), move || namespace.get());
    let vmis = LiveList::<VirtualMachineInstance, KeyedFacts<VmiFacts>>::new(client, move || {
        ListTarget::all(namespace.get().as_deref())
    });
    // What the user filters and sorts by stays while they switch namespaces.
    let filter = RwSignal::new(RowFilter::default());
    let order = RwSignal::new(SortOrder::default());
    let selection = RwSignal::new(crate::logic::vm_selection::Selection::default());
    // The rows are kept from one change to the next: a watch event touches only its VM's row.
    let rows = Memo::new_owning(move |kept: Option<ListRows>| {
        let mut rows = kept.unwrap_or_default();
        vms.track();
        vmis.track();
        let synced = vms
            .with_store_mut(|vms| vmis.with_store_mut(|vmis| rows.sync(vms, vmis)))
            .flatten()
            .unwrap_or(false);
        let viewed = rows.set_view(&filter.read(), order.get());
        (rows, synced || viewed)
    });
    // What the section shows changes only with the phase, not with every watch event.
    let phase = Memo::new(move |_| {
        vms.with(|listed| ReadPhase::of(listed, |list| list.is_empty(), |_| ()))
    });
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
                    shown=Signal::derive(move || rows.with(|r| r.shown().len()))
                    total=Signal::derive(move || rows.with(ListRows::total))
                    on_export=Callback::new(move |()| {
                        let csv = rows
                            .with_untracked(|r| vm_list_csv(r.shown().iter().map(|s| &s.row)));
                        let file = match namespace.get_untracked() {
                            Some(ns) => format!("virtual-machines-{ns}.csv"),
                            None => "virtual-machines.csv".to_owned(),
                        };
                        download(&file, "text/csv", &csv);
                    })
                />
                <BulkBar selection />
                <Show
                    when=move || rows.with(|r| !r.shown().is_empty())
                    fallback=move || view! { <NoMatch filter /> }
                >
                    <VmTable
                        rows
                        show_namespace=namespace.get_untracked().is_none()
                        order
                        row_actions
                        schedules
                        selection
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
