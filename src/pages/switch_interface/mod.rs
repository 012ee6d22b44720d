//! The Switch interface dialog: move a Windows VM's disks and NICs to VirtIO (or back), and
//! choose when the restart that applies it happens: at the next restart, now, or at a time.

mod device_rows;
mod form;
mod schedule_fields;

use leptos::prelude::*;

use crate::api::live_list::Listed;
use crate::api::paths::VIRTUAL_MACHINE_INSTANCES;
use crate::api::resource::ApiResource;
use crate::api::{self, ApiClient, ApiError};
use crate::components::{Button, ButtonVariant, ErrorAlert, FocusStart, LoadingRows, Modal};
use crate::context::{use_client, use_switch_request};
use crate::model::vm::VmObject;
use crate::model::VirtualMachineInstance;
use form::SwitchForm;

/// Which VM's dialog is open; provided by the app, so hints and menus anywhere can open it.
#[derive(Clone, Copy)]
pub struct SwitchRequest(RwSignal<Option<(String, String)>>);

impl SwitchRequest {
    pub fn provide() {
        provide_context(Self(RwSignal::new(None)));
    }

    /// Opens the dialog for a VM.
    pub fn open(self, namespace: &str, name: &str) {
        self.0.set(Some((namespace.to_owned(), name.to_owned())));
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
        request.0.get().map(|(namespace, name)| {
            view! { <SwitchInterfaceDialog namespace name on_close=Callback::new(move |_| request.close()) /> }
        })
    }
}

/// The VM as read when the dialog opened, and whether its guest runs with the agent.
#[derive(Clone, Debug, PartialEq)]
pub struct SwitchTarget {
    pub vm: VmObject,
    pub running: bool,
    pub agent_connected: bool,
}

async fn load(
    client: ApiClient,
    namespace: String,
    name: String,
) -> Result<SwitchTarget, ApiError> {
    let vm = api::vms::get(&client, &namespace, &name).await?;
    // A list narrowed to the name: a stopped VM has no instance, and that is no error.
    let selector = format!("metadata.name={name}");
    let (instances, _) = client
        .list::<VirtualMachineInstance>(
            &VIRTUAL_MACHINE_INSTANCES.collection(Some(&namespace)),
            &[("fieldSelector", &selector)],
        )
        .await?;
    let instance = instances.iter().find(|i| i.meta().name == name);
    Ok(SwitchTarget {
        running: instance.is_some_and(|i| i.status.phase.as_deref() == Some("Running")),
        agent_connected: instance.is_some_and(VirtualMachineInstance::agent_connected),
        vm,
    })
}

/// The dialog: loads the VM, then shows the form.
#[component]
fn SwitchInterfaceDialog(namespace: String, name: String, on_close: Callback<()>) -> impl IntoView {
    let client = use_client();
    let target = ApiResource::new(
        {
            let (namespace, name) = (namespace.clone(), name.clone());
            move || (namespace.clone(), name.clone())
        },
        move |(namespace, name)| load(client.clone(), namespace, name),
    );
    let subtitle = format!("{name} in namespace {namespace}");
    // Focus moves into the dialog while the VM loads, so the keyboard (and Escape) work there
    // at once.
    view! {
        <Modal title="Switch interface" description=subtitle title_id="wvm-switch-title"
            focus=FocusStart::Dialog on_close>
            {
                let (namespace, name) = (namespace.clone(), name.clone());
                move || match target.get() {
                None => view! {
                    <div class="pf-v6-c-modal-box__body"><LoadingRows label="Loading the virtual machine" rows=2 /></div>
                }.into_any(),
                Some(Ok(loaded)) => view! {
                    <SwitchForm target=loaded namespace=namespace.clone() name=name.clone() on_close />
                }.into_any(),
                Some(Err(err)) => view! {
                    <div class="pf-v6-c-modal-box__body">
                        <ErrorAlert title="Could not read the virtual machine" message=err.user_message()
                            on_retry=Callback::new(move |_| target.refetch()) />
                    </div>
                    <footer class="pf-v6-c-modal-box__footer">
                        <Button variant=ButtonVariant::Link on_click=on_close>"Close"</Button>
                    </footer>
                }.into_any(),
            }}
        </Modal>
    }
}
