//! The actions on a VM (start, stop, restart, delete after confirming), offered in each list
//! row and on the VM's page, and what the user sees when one fails. The live list shows their
//! effect, so nothing is refetched here.

use leptos::prelude::*;

use crate::api::{Api, ApiClient, ApiError};
use crate::components::{ConfirmModal, ErrorAlert, MenuAction};
use crate::context::use_switch_request;
use crate::logic::routes::{AppRoute, CONSOLE_TAB_QUERY};
use crate::logic::vm_actions::{actions, VmAction};
use crate::model::{ObjectRef, PrintableStatus, VirtualMachine};
use crate::pages::links::href;
use leptos_router::hooks::use_navigate;

/// A VM and an action on it.
type Request = (ObjectRef, VmAction);

/// Runs row actions; shared by every row of the table.
///
/// Each action runs on its own and keeps its own request: actions on several VMs overlap, the
/// one that finishes last is not the one asked for last, and every failure must be told with
/// the VM it happened to (an `Action` would keep only the latest dispatch's outcome).
#[derive(Clone, Copy)]
pub struct RowActions {
    client: StoredValue<ApiClient>,
    /// The failure of the action that finished last, with its own request.
    failed: RwSignal<Option<(Request, ApiError)>>,
    /// Deletes on their way, so the confirmation cannot be sent twice.
    deleting: RwSignal<u32>,
    confirming_delete: RwSignal<Option<ObjectRef>>,
}

impl RowActions {
    pub fn new(client: ApiClient) -> Self {
        Self {
            client: StoredValue::new(client),
            failed: RwSignal::new(None),
            deleting: RwSignal::new(0),
            confirming_delete: RwSignal::new(None),
        }
    }

    /// Starts the VM (from an empty state that offers Start).
    pub fn start(self, vm: ObjectRef) {
        self.dispatch((vm, VmAction::Start));
    }

    fn dispatch(self, request: Request) {
        let Some(client) = self.client.try_get_value() else {
            return;
        };
        // A new action puts the last failure aside; its own outcome comes later.
        self.failed.set(None);
        let delete = request.1 == VmAction::Delete;
        if delete {
            self.deleting.update(|n| *n += 1);
        }
        leptos::task::spawn_local(async move {
            let (vm, action) = &request;
            let outcome = Api::<VirtualMachine>::of(&client, vm)
                .act(&vm.name, *action)
                .await;
            // The page may be gone by now: then there is no one to tell.
            if delete {
                self.deleting.try_update(|n| *n = n.saturating_sub(1));
            }
            match outcome {
                Ok(()) => {
                    // A confirmed delete that went through closes its dialog (and only its own).
                    if delete
                        && self.confirming_delete.try_get_untracked() == Some(Some(vm.clone()))
                    {
                        self.confirming_delete.try_set(None);
                    }
                }
                Err(err) => {
                    self.failed.try_set(Some((request, err)));
                }
            }
        });
    }

    /// The menu entries for a VM in the given state; Windows VMs can also switch interfaces.
    pub fn menu(
        self,
        namespace: &str,
        name: &str,
        status: &PrintableStatus,
        windows: bool,
    ) -> Vec<MenuAction> {
        let vm = ObjectRef::new(namespace, name);
        let console = {
            let navigate = use_navigate();
            let to = href(&AppRoute::VmDetails {
                namespace: namespace.to_owned(),
                name: name.to_owned(),
            }) + CONSOLE_TAB_QUERY;
            MenuAction {
                label: "Open console",
                enabled: true,
                on_select: Callback::new(move |_| navigate(&to, Default::default())),
            }
        };
        let switch = windows.then(|| {
            let vm = vm.clone();
            let request = use_switch_request();
            MenuAction {
                label: "Switch interface",
                enabled: true,
                on_select: Callback::new(move |_| request.open(vm.clone())),
            }
        });
        actions(status)
            .into_iter()
            .map(|(action, enabled)| {
                let vm = vm.clone();
                MenuAction {
                    label: action.label(),
                    enabled,
                    on_select: Callback::new(move |_| match action {
                        VmAction::Delete => self.confirming_delete.set(Some(vm.clone())),
                        _ => self.dispatch((vm.clone(), action)),
                    }),
                }
            })
            .chain(std::iter::once(console))
            .chain(switch)
            .collect()
    }

    /// The failure of the action that failed last, in words, naming its own VM.
    fn failure(self) -> Option<(String, String)> {
        let ((ObjectRef { namespace, name }, action), err) = self.failed.get()?;
        let message = if err.is_forbidden() {
            format!(
                "You may not {} virtual machines in namespace {namespace}.",
                action.verb()
            )
        } else {
            err.user_message()
        };
        Some((format!("Could not {} {name}", action.verb()), message))
    }
}

/// The delete confirmation and the failure of the last action.
#[component]
pub fn RowActionFeedback(actions: RowActions) -> impl IntoView {
    let cancel = Callback::new(move |_| actions.confirming_delete.set(None));
    view! {
        {move || {
            actions
                .confirming_delete
                .get()
                .map(|vm| {
                    let target = (vm.clone(), VmAction::Delete);
                    let ObjectRef { namespace, name } = vm;
                    view! {
                        <ConfirmModal
                            title=format!("Delete virtual machine {name}?")
                            confirm_label="Delete"
                            danger=true
                            pending=Signal::derive(move || actions.deleting.get() > 0)
                            on_confirm=Callback::new(move |_| actions.dispatch(target.clone()))
                            on_cancel=cancel
                        >
                            <p>
                                "The virtual machine " <strong>{name.clone()}</strong>
                                " in namespace " <strong>{namespace.clone()}</strong>
                                " will be stopped and deleted, with the disks that were created for it. This cannot be undone."
                            </p>
                            {move || {
                                actions
                                    .failure()
                                    .map(|(title, message)| view! { <ErrorAlert title message /> })
                            }}
                        </ConfirmModal>
                    }
                })
        }}
        {move || {
            actions
                .confirming_delete
                .get()
                .is_none()
                .then(|| actions.failure())
                .flatten()
                .map(|(title, message)| view! { <ErrorAlert title message /> })
        }}
    }
}
