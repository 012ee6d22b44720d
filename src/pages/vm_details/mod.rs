//! The page of one VM: header with status and driver hint, overview, CD-ROMs, disks and
//! network interfaces.

mod devices;
mod overview;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::resource::ApiResource;
use crate::api::{self, ApiClient, ApiError};
use crate::components::icons::{Icon, IconKind};
use crate::components::{EmptyState, ErrorAlert, LoadingRows};
use crate::logic::routes::AppRoute;
use crate::model::{VirtualMachine, VirtualMachineInstance};
use overview::VmOverview;

/// Shows one VM and its running instance, read from the API.
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
    let loaded = ApiResource::new(
        move || target.get(),
        move |(namespace, name)| {
            let client = client.clone();
            async move { load(&client, &namespace, &name).await }
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
        {move || match loaded.get() {
            None => view! {
                <section class="pf-v6-c-page__main-section"><LoadingRows label="Loading virtual machine" rows=3 /></section>
            }.into_any(),
            Some(Ok((vm, vmi))) => view! { <VmOverview vm vmi /> }.into_any(),
            Some(Err(err)) if err.is_not_found() => view! {
                <section class="pf-v6-c-page__main-section">
                    <EmptyState icon=IconKind::Search title="Virtual machine not found"
                        body=format!("There is no virtual machine {} in namespace {}.", target.get_untracked().1, target.get_untracked().0) />
                </section>
            }.into_any(),
            Some(Err(err)) => view! {
                <section class="pf-v6-c-page__main-section">
                    <ErrorAlert title="Could not load the virtual machine" message=details_error_message(&err)
                        on_retry=Callback::new(move |_| loaded.refetch()) />
                </section>
            }.into_any(),
        }}
    }
}

/// The VM, and its instance when it runs. An instance that cannot be read (not running, or
/// not allowed) leaves the page without the running details rather than failing it.
async fn load(
    client: &ApiClient,
    namespace: &str,
    name: &str,
) -> Result<(VirtualMachine, Option<VirtualMachineInstance>), ApiError> {
    let vm = api::vms::get(client, namespace, name).await?;
    let vmi = api::vmis::get(client, namespace, name).await.ok().flatten();
    Ok((vm, vmi))
}

fn details_error_message(err: &ApiError) -> String {
    if err.is_forbidden() {
        "You may not see this virtual machine. Ask an administrator for access.".to_owned()
    } else {
        err.user_message()
    }
}
