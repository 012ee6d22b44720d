//! The page of one VM: its name, status and basic facts.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::resource::ApiResource;
use crate::api::{self, ApiClient, ApiError};
use crate::components::icons::{Icon, IconKind};
use crate::components::{EmptyState, ErrorAlert, LoadingRows, StatusLabel};
use crate::logic::age::{absolute_utc, relative_age};
use crate::logic::routes::AppRoute;
use crate::logic::vm_list::VmRow;
use crate::model::VirtualMachine;

/// Shows one VM, read from the API.
#[component]
pub fn VmDetailsPage() -> impl IntoView {
    let params = use_params_map();
    let target = Memo::new(move |_| {
        let params = params.read();
        (
            params.get("ns").unwrap_or_default(),
            params.get("name").unwrap_or_default(),
        )
    });
    let client = expect_context::<ApiClient>();
    let vm = ApiResource::new(
        move || target.get(),
        move |(namespace, name)| {
            let client = client.clone();
            async move { api::vms::get(&client, &namespace, &name).await }
        },
    );
    let list_href = move || {
        AppRoute::VmList {
            namespace: Some(target.get().0),
        }
        .path()
    };

    view! {
        <section class="pf-v6-c-page__main-section">
            <nav class="pf-v6-c-breadcrumb" aria-label="Breadcrumb">
                <ol class="pf-v6-c-breadcrumb__list" role="list">
                    <li class="pf-v6-c-breadcrumb__item">
                        <a class="pf-v6-c-breadcrumb__link" href=list_href>"Virtual machines"</a>
                    </li>
                    <li class="pf-v6-c-breadcrumb__item">
                        <span class="pf-v6-c-breadcrumb__item-divider"><Icon kind=IconKind::AngleRight /></span>
                        <span class="pf-v6-c-breadcrumb__link pf-m-current" aria-current="page">{move || target.get().1}</span>
                    </li>
                </ol>
            </nav>
        </section>
        {move || match vm.get() {
                    None => view! {
                        <section class="pf-v6-c-page__main-section"><LoadingRows label="Loading virtual machine" rows=3 /></section>
                    }.into_any(),
                    Some(Ok(vm)) => view! { <VmSummary vm /> }.into_any(),
                    Some(Err(err)) if err.is_not_found() => view! {
                        <section class="pf-v6-c-page__main-section">
                            <EmptyState icon=IconKind::Search title="Virtual machine not found"
                                body=format!("There is no virtual machine {} in namespace {}.", target.get_untracked().1, target.get_untracked().0) />
                        </section>
                    }.into_any(),
                    Some(Err(err)) => view! {
                        <section class="pf-v6-c-page__main-section">
                            <ErrorAlert title="Could not load the virtual machine" message=details_error_message(&err)
                                on_retry=Callback::new(move |_| vm.refetch()) />
                        </section>
                    }.into_any(),
        }}
    }
}

fn details_error_message(err: &ApiError) -> String {
    if err.is_forbidden() {
        "You may not see this virtual machine. Ask an administrator for access.".to_owned()
    } else {
        err.user_message()
    }
}

/// The header and overview of a loaded VM.
#[component]
fn VmSummary(vm: VirtualMachine) -> impl IntoView {
    let row = VmRow::new(&vm, None);
    let run_strategy = vm
        .spec
        .run_strategy
        .clone()
        .unwrap_or_else(|| "—".to_owned());
    let now = chrono::Utc::now();
    view! {
        <section class="pf-v6-c-page__main-section wvm-page-header wvm-page-header--start">
            <h1 class="pf-v6-c-title pf-m-2xl">{row.name.clone()}</h1>
            <StatusLabel status=row.status.clone() />
        </section>
        <section class="pf-v6-c-page__main-section" aria-label="Overview">
            <dl class="pf-v6-c-description-list pf-m-horizontal" data-testid="vm-overview">
                <Term label="Namespace" value=row.namespace.clone() />
                <Term label="Status" value=row.status.clone() />
                <Term label="Operating system" value=row.os.clone() />
                <Term label="Run strategy" value=run_strategy />
                <Term
                    label="Created"
                    value=row.created.map(|t| format!("{} ({})", relative_age(t, now), absolute_utc(t))).unwrap_or_default()
                />
            </dl>
        </section>
    }
}

/// One term of a description list.
#[component]
fn Term(label: &'static str, value: String) -> impl IntoView {
    view! {
        <div class="pf-v6-c-description-list__group">
            <dt class="pf-v6-c-description-list__term"><span class="pf-v6-c-description-list__text">{label}</span></dt>
            <dd class="pf-v6-c-description-list__description"><div class="pf-v6-c-description-list__text">{value}</div></dd>
        </div>
    }
}
