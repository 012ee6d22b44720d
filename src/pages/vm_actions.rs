//! The actions on a VM (start, stop, restart, delete after confirming), offered in each list
//! row and on the VM's page, and what the user sees when one fails. The live list shows their
//! effect, so nothing is refetched here.

use leptos::prelude::*;

use crate::api::{self, ApiClient, ApiError};
use crate::components::{ConfirmModal, ErrorAlert, MenuAction};
use crate::logic::vm_actions::{actions, VmAction};
use crate::pages::switch_interface::SwitchRequest;

/// A VM and an action on it.
type Request = (String, String, VmAction);

/// Runs row actions; shared by every row of the table.
#[derive(Clone, Copy)]
pub struct RowActions {
    /// Each outcome carries its own request: actions on several VMs overlap, and the one that
    /// finishes last is not always the one asked for last.
    run: Action<Request, (Request, Result<(), ApiError>)>,
    confirming_delete: RwSignal<Option<(String, String)>>,
}

impl RowActions {
    pub fn new(client: ApiClient) -> Self {
        let run = Action::new_local(move |request: &Request| {
            let (client, request) = (client.clone(), request.clone());
            async move {
                let (namespace, name, action) = &request;
                let outcome = match action.subresource() {
                    Some(subresource) => api::vms::act(&client, namespace, name, subresource).await,
                    None => api::vms::delete(&client, namespace, name).await,
                };
                (request, outcome)
            }
        });
        let confirming_delete = RwSignal::new(None);
        // A confirmed delete that went through closes its dialog (and only its own).
        Effect::new(move |_| {
            if let Some(((namespace, name, VmAction::Delete), Ok(()))) = run.value().get() {
                if confirming_delete.get_untracked() == Some((namespace, name)) {
                    confirming_delete.set(None);
                }
            }
        });
        Self {
            run,
            confirming_delete,
        }
    }

    fn dispatch(self, request: Request) {
        self.run.dispatch(request);
    }

    /// The menu entries for a VM in the given state; Windows VMs can also switch interfaces.
    pub fn menu(self, namespace: &str, name: &str, status: &str, windows: bool) -> Vec<MenuAction> {
        let switch = windows.then(|| {
            let (namespace, name) = (namespace.to_owned(), name.to_owned());
            let request = expect_context::<SwitchRequest>();
            MenuAction {
                label: "Switch interface",
                enabled: true,
                on_select: Callback::new(move |_| request.open(&namespace, &name)),
            }
        });
        actions(status)
            .into_iter()
            .map(|(action, enabled)| {
                let (namespace, name) = (namespace.to_owned(), name.to_owned());
                MenuAction {
                    label: action.label(),
                    enabled,
                    on_select: Callback::new(move |_| match action {
                        VmAction::Delete => self
                            .confirming_delete
                            .set(Some((namespace.clone(), name.clone()))),
                        _ => self.dispatch((namespace.clone(), name.clone(), action)),
                    }),
                }
            })
            .chain(switch)
            .collect()
    }

    /// The failure of the action that finished last, in words, naming its own VM.
    fn failure(self) -> Option<(String, String)> {
        let ((namespace, name, action), outcome) = self.run.value().get()?;
        let err = outcome.err()?;
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
        {move || actions.confirming_delete.get().map(|(namespace, name)| {
            let target = (namespace.clone(), name.clone(), VmAction::Delete);
            view! {
                <ConfirmModal title=format!("Delete virtual machine {name}?") confirm_label="Delete" danger=true
                    pending=actions.run.pending() on_confirm=Callback::new(move |_| actions.dispatch(target.clone())) on_cancel=cancel>
                    <p>
                        "The virtual machine " <strong>{name.clone()}</strong> " in namespace " <strong>{namespace.clone()}</strong>
                        " will be stopped and deleted, with the disks that were created for it. This cannot be undone."
                    </p>
                    {move || actions.failure().map(|(title, message)| view! { <ErrorAlert title message /> })}
                </ConfirmModal>
            }
        })}
        {move || actions.confirming_delete.get().is_none().then(|| actions.failure()).flatten().map(|(title, message)| view! {
            <ErrorAlert title message />
        })}
    }
}
