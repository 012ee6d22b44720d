//! A VM's consoles in the browser: the VNC screen and the serial console, on the VM page's
//! Console tab and on a page of their own for a separate window, plus a live preview for the
//! Overview. Each connection lives exactly as long as its view.

mod link;
mod preview;
mod screen;
mod serial;
mod status;
mod toolbar;
mod vnc;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::live_list::{ListTarget, LiveList};
use crate::components::icons::IconKind;
use crate::components::{Button, EmptyState};
use crate::logic::console::{availability, connectable_instance, Availability, ConsoleKind};
use crate::logic::routes::AppRoute;
use crate::model::vm::VmObject;
use crate::model::{ObjectRef, PrintableStatus, VirtualMachineInstance};
use crate::pages::links::href;
use crate::pages::vm_actions::{RowActionFeedback, RowActions};
pub use preview::ConsolePreview;
use serial::SerialConsole;
use vnc::VncConsole;

/// The console of one VM, for its state: a screen to use, Start for a stopped VM, or why there
/// is no guest yet. A restarted VM gets a new instance, and with it a new connection.
#[component]
pub fn VmConsoleView(
    vm: ObjectRef,
    #[prop(into)] status: Signal<PrintableStatus>,
    #[prop(into)] vmi: Signal<Option<VirtualMachineInstance>>,
    actions: RowActions,
    /// Which console shows first.
    #[prop(optional)]
    kind: ConsoleKind,
    /// True on the console's own page (no link to open it in a new window).
    #[prop(optional)]
    full_window: bool,
) -> impl IntoView {
    let kind = RwSignal::new(kind);
    let state = Memo::new(move |_| {
        let vmi = vmi.read();
        let phase = vmi.as_ref().and_then(|v| v.status.phase.as_ref());
        availability(&status.read(), phase)
    });
    // The instance the connection belongs to: a new one (after a restart) reconnects.
    let instance = Memo::new(move |_| connectable_instance(&status.read(), vmi.read().as_ref()));
    let console_route = AppRoute::VmConsole {
        namespace: vm.namespace.clone(),
        name: vm.name.clone(),
    };
    let window_href = move |kind: ConsoleKind| {
        (!full_window).then(|| format!("{}?type={}", href(&console_route), kind.id()))
    };
    let target = vm.clone();
    let start_target = vm.clone();
    view! {
        <div class="wvm-console-view">
            <div
                class="pf-v6-c-toggle-group wvm-console-kinds"
                role="group"
                aria-label="Console type"
            >
                {ConsoleKind::ALL
                    .into_iter()
                    .map(|option| {
                        view! {
                            <div class="pf-v6-c-toggle-group__item">
                                <button
                                    type="button"
                                    class="pf-v6-c-toggle-group__button"
                                    class:pf-m-selected=move || kind.get() == option
                                    aria-pressed=move || (kind.get() == option).to_string()
                                    on:click=move |_| kind.set(option)
                                >
                                    <span class="pf-v6-c-toggle-group__text">{option.label()}</span>
                                </button>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
            {move || match state.get() {
                Availability::Stopped => {
                    let vm = start_target.clone();
                    view! {
                        <EmptyState
                            icon=IconKind::PowerOff
                            title="The virtual machine is stopped"
                            body="Start it to see its screen here."
                        >
                            <Button on_click=Callback::new(move |_| {
                                actions.start(vm.clone())
                            })>"Start"</Button>
                        </EmptyState>
                    }
                        .into_any()
                }
                Availability::NoGuestYet(why) => {
                    view! { <EmptyState icon=IconKind::InProgress title="No guest yet" body=why /> }
                        .into_any()
                }
                Availability::Ready => ().into_any(),
            }}
            {move || {
                let _uid = instance.get()?;
                let vmi = target.clone();
                Some(
                    match kind.get() {
                        ConsoleKind::Vnc => {
                            view! {
                                <VncConsole vmi new_window_href=window_href(ConsoleKind::Vnc) />
                            }
                                .into_any()
                        }
                        ConsoleKind::Serial => {
                            view! {
                                <SerialConsole
                                    vmi
                                    new_window_href=window_href(ConsoleKind::Serial)
                                />
                            }
                                .into_any()
                        }
                    },
                )
            }}
        </div>
    }
}

/// A VM's console filling a window of its own (`/ns/<ns>/vms/<name>/console?type=serial`).
#[component]
pub fn VmConsolePage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let target = ObjectRef {
        namespace: params.read_untracked().get("ns").unwrap_or_default(),
        name: params.read_untracked().get("name").unwrap_or_default(),
    };
    let kind = query
        .read_untracked()
        .get("type")
        .and_then(|id| ConsoleKind::from_id(&id))
        .unwrap_or_default();
    let client = crate::context::use_client();
    let actions = RowActions::new(client.clone());
    let named = {
        let target = target.clone();
        move || ListTarget::named(&target.namespace, &target.name)
    };
    let vm = LiveList::<VmObject>::new(client.clone(), named.clone());
    let vmi = LiveList::<VirtualMachineInstance>::new(client, named);
    let status = Signal::derive(move || {
        vm.with(|listed| {
            listed
                .and_then(|l| l.as_ref().ok()?.first().map(|v| v.vm.printable_status()))
                .unwrap_or_default()
        })
    });
    let instance = Signal::derive(move || {
        vmi.with(|listed| listed.and_then(|l| l.as_ref().ok()?.first().cloned()))
    });
    let details = href(&AppRoute::VmDetails {
        namespace: target.namespace.clone(),
        name: target.name.clone(),
    });
    view! {
        <section class="pf-v6-c-page__main-section wvm-console-page">
            <header class="wvm-console-page__header">
                <h1 class="pf-v6-c-title pf-m-xl">{format!("{} console", target.name)}</h1>
                <a class="pf-v6-c-button pf-m-link" href=details>
                    "Virtual machine details"
                </a>
            </header>
            <RowActionFeedback actions />
            <VmConsoleView vm=target status vmi=instance actions kind full_window=true />
        </section>
    }
}
