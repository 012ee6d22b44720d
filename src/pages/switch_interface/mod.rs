//! The Switch interface dialog: move a Windows VM's disks and NICs to VirtIO (or back), and
//! choose when the restart that applies it happens: at the next restart, now, or at a time.

mod careful_fields;
mod device_rows;
mod form;
mod schedule_fields;
mod signed_in;

use leptos::prelude::*;

use crate::api::resource::ApiResource;
use crate::api::workflows::read_vm_and_instance;
use crate::api::workflows::snapshots::snapshots_served;
use crate::api::{ApiClient, ApiError};
use crate::components::{Button, ButtonVariant, ErrorAlert, FocusStart, LoadingRows, Modal};
use crate::context::{use_client, use_switch_request};
use crate::logic::switch_dialog::SwitchDialog;
use crate::model::{ObjectRef, VirtualMachineInstance, VmObject};
use form::SwitchForm;

/// Which VM's dialog is open; provided by the app, so hints and menus anywhere can open it.
#[derive(Clone, Copy)]
pub struct SwitchRequest(RwSignal<Option<ObjectRef>>);

impl SwitchRequest {
    pub fn provide() {
        provide_context(Self(RwSignal::new(None)));
    }

    /// Opens the dialog for a VM.
    pub fn open(self, vm: ObjectRef) {
        self.0.set(Some(vm));
    }

    fn close(self) {
        self.0.set(None);
    }
}

/// Renders the dialog while one is asked for.
#[component]
pub fn SwitchInterfaceHost() -> impl IntoView {
    let request = use_switch_request();
    move || {
        request.0.get().map(|vm| {
            view! { <SwitchInterfaceDialog vm on_close=Callback::new(move |_| request.close()) /> }
        })
    }
}

/// The VM as read when the dialog opened, and whether its guest runs with the agent.
#[derive(Clone, Debug, PartialEq)]
pub struct SwitchTarget {
    pub vm: VmObject,
    pub running: bool,
    pub agent_connected: bool,
    /// Since when the guest runs, when its instance says.
    pub running_since: Option<chrono::DateTime<chrono::Utc>>,
    /// Whether the cluster serves VM snapshots; a cluster that will not say is taken to not.
    pub snapshots_served: bool,
}

async fn load(client: ApiClient, target: ObjectRef) -> Result<SwitchTarget, ApiError> {
    let (vm, instance) = read_vm_and_instance(&client, &target).await?;
    let instance = instance.as_ref();
    let snapshots_served = snapshots_served(&client).await.unwrap_or(false);
    Ok(SwitchTarget {
        snapshots_served,
        running: instance.is_some_and(VirtualMachineInstance::running),
        agent_connected: instance.is_some_and(VirtualMachineInstance::agent_connected),
        running_since: instance.and_then(VirtualMachineInstance::running_since),
        vm,
    })
}

/// The dialog: loads the VM, then shows the form.
#[component]
fn SwitchInterfaceDialog(vm: ObjectRef, on_close: Callback<()>) -> impl IntoView {
    let client = use_client();
    let target = ApiResource::new(
        {
            let vm = vm.clone();
            move || vm.clone()
        },
        move |vm| load(client.clone(), vm),
    );
    let subtitle = format!("{} in namespace {}", vm.name, vm.namespace);
    // Escape and the close button wait while a snapshot, save or restart is on its way: the
    // user would otherwise not see how it ends.
    let dialog = RwSignal::new(SwitchDialog::new());
    let on_close = Callback::new(move |()| {
        if !dialog.with_untracked(SwitchDialog::busy) {
            on_close.run(());
        }
    });
    // Focus moves into the dialog while the VM loads, so the keyboard (and Escape) work there
    // at once.
    view! {
        <Modal
            title="Switch interface"
            description=subtitle
            title_id="wvm-switch-title"
            focus=FocusStart::Dialog
            on_close
        >
            {
                let vm = vm.clone();
                move || match target.get() {
                    None => {
                        view! {
                            <div class="pf-v6-c-modal-box__body">
                                <LoadingRows label="Loading the virtual machine" rows=2 />
                            </div>
                        }
                            .into_any()
                    }
                    Some(Ok(loaded)) => {
                        view! { <SwitchForm target=loaded vm=vm.clone() dialog on_close /> }
                            .into_any()
                    }
                    Some(Err(err)) => {
                        view! {
                            <div class="pf-v6-c-modal-box__body">
                                <ErrorAlert
                                    title="Could not read the virtual machine"
                                    message=err.user_message()
                                    on_retry=Callback::new(move |_| target.refetch())
                                />
                            </div>
                            <footer class="pf-v6-c-modal-box__footer">
                                <Button variant=ButtonVariant::Link on_click=on_close>
                                    "Close"
                                </Button>
                            </footer>
                        }
                            .into_any()
                    }
                }
            }
        </Modal>
    }
}
