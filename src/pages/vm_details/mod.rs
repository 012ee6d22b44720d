//! The page of one VM: header with status and driver hint, overview, CD-ROMs, disks and
//! network interfaces, and the dialogs that add, remove and change devices.

mod boot_failure;
mod created_notice;
mod device_edit;
mod device_forms;
mod devices;
mod eject;
mod overview;
mod remote_desktop;
mod restore;
mod snapshots;
mod yaml_panel;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::live_list::{ListTarget, LiveList};
use crate::api::ApiError;
use crate::components::icons::{Icon, IconKind};
use crate::components::{EmptyState, Loaded, ReadPhase};
use crate::context::use_client;
use crate::logic::routes::AppRoute;
use crate::model::vm::VmObject;
use crate::model::{ObjectRef, VirtualMachineInstance};
use crate::pages::links::href;
use crate::pages::vm_actions::{RowActionFeedback, RowActions};
use created_notice::CreatedNotice;
use device_edit::DeviceEditHost;
pub use device_edit::DeviceEdits;
use overview::VmOverview;

/// Shows one VM and its running instance, read from the API.
#[component]
pub fn VmDetailsPage() -> impl IntoView {
    let params = use_params_map();
    let target = Memo::new(move |_| {
        let params = params.read();
        ObjectRef {
            namespace: params.get("ns").unwrap_or_default(),
            name: params.get("name").unwrap_or_default(),
        }
    });
    let client = use_client();
    let actions = RowActions::new(client.clone());
    // `?tab=console` (the list's "Open console") opens the page on its Console tab.
    let query = use_query_map();
    let opens_console = query.read_untracked().get("tab").as_deref() == Some("console");
    let tab = RwSignal::new(if opens_console {
        overview::CONSOLE_TAB
    } else {
        0
    });
    DeviceEdits::provide();
    // The VM and its instance, each followed live through a list narrowed to its name.
    let vm = LiveList::<VmObject>::new(client.clone(), move || {
        let vm = target.get();
        ListTarget::named(&vm.namespace, &vm.name)
    });
    let vmi = LiveList::<VirtualMachineInstance>::new(client, move || {
        let vm = target.get();
        ListTarget::named(&vm.namespace, &vm.name)
    });
    let instance = Memo::new(move |_| {
        vmi.with(|listed| listed.and_then(|l| l.as_ref().ok()?.first().cloned()))
    });
    let current = Memo::new(move |_| {
        vm.with(|listed| listed.and_then(|l| l.as_ref().ok()?.first().cloned()))
    });
    // What the page shows changes with the phase; the overview follows each event itself, so
    // an open menu or dialog survives them.
    let phase = Memo::new(move |_| vm.with(|listed| ReadPhase::of(listed, Vec::is_empty, |_| ())));
    let list_href = move || {
        href(&AppRoute::VmList {
            namespace: Some(target.get().namespace),
        })
    };

    view! {
        <section class="pf-v6-c-page__main-section">
            <nav class="pf-v6-c-breadcrumb" aria-label="Breadcrumb">
                <ol class="pf-v6-c-breadcrumb__list" role="list">
                    <li class="pf-v6-c-breadcrumb__item">
                        <a class="pf-v6-c-breadcrumb__link" href=list_href>
                            "Virtual machines"
                        </a>
                    </li>
                    <li class="pf-v6-c-breadcrumb__item">
                        <span class="pf-v6-c-breadcrumb__item-divider">
                            <Icon kind=IconKind::AngleRight />
                        </span>
                        <span class="pf-v6-c-breadcrumb__link pf-m-current" aria-current="page">
                            {move || target.get().name}
                        </span>
                    </li>
                </ol>
            </nav>
        </section>
        <RowActionFeedback actions />
        <Loaded
            phase
            loading_label="Loading virtual machine"
            rows=3
            error_title="Could not load the virtual machine"
            error_message=Callback::new(|err: ApiError| details_error_message(&err))
            on_retry=Callback::new(move |_| vm.retry())
            empty=move || {
                view! {
                    <EmptyState
                        icon=IconKind::Search
                        title="Virtual machine not found"
                        body=format!(
                            "There is no virtual machine {} in namespace {}.",
                            target.get_untracked().name,
                            target.get_untracked().namespace,
                        )
                    />
                }
            }
            section_class="pf-v6-c-page__main-section"
            let:_found
        >
            <CreatedNotice vm=Signal::derive(move || current.get().unwrap_or_default()) />
            <VmOverview
                vm=Signal::derive(move || current.get().unwrap_or_default())
                vmi=instance
                actions
                tab
            />
            <DeviceEditHost
                vm=Signal::derive(move || current.get().unwrap_or_default())
                vmi=instance
                namespace=target.get_untracked().namespace
                name=target.get_untracked().name
            />
        </Loaded>
    }
}

fn details_error_message(err: &ApiError) -> String {
    if err.is_forbidden() {
        "You may not see this virtual machine. Ask an administrator for access.".to_owned()
    } else {
        err.user_message()
    }
}
