//! Ejecting a CD-ROM from the VM page: a confirmation that says a restart is needed (and warns
//! when the disc holds the Windows guest tools), then one guarded patch.

use leptos::prelude::*;

use crate::api::{Api, ApiError};
use crate::components::{Alert, AlertVariant, ConfirmModal, ErrorAlert, Mutation};
use crate::context::use_client;
use crate::logic::vm_devices::DiskInfo;
use crate::logic::vm_patch::eject_cdrom;
use crate::model::VirtualMachine;

/// A CD-ROM the user asked to eject, and the VM as they saw it when they asked.
pub type EjectRequest = (DiskInfo, serde_json::Value);

/// The confirmation for the CD-ROM in `request`, while there is one.
#[component]
pub fn EjectCdRom(
    /// What the user asked to eject; cleared when done or cancelled.
    request: RwSignal<Option<EjectRequest>>,
    namespace: String,
    name: String,
) -> impl IntoView {
    let client = use_client();
    let eject = Mutation::new(move |(cdrom, seen): (String, serde_json::Value)| {
        let (client, namespace, name) = (client.clone(), namespace.clone(), name.clone());
        // The patch is built from the VM the user saw; its guards refuse it if the VM changed
        // since in a way that matters.
        let ops = eject_cdrom(&seen, &cdrom);
        async move {
            let ops = ops.map_err(|problem| problem.to_string())?;
            Api::<VirtualMachine>::namespaced(&client, &namespace)
                .json_patch(&name, &ops)
                .await
                .map(drop)
                .map_err(|err: ApiError| err.user_message())
        }
    });
    let cancel = Callback::new(move |_| {
        eject.clear();
        request.set(None);
    });
    move || {
        request.get().map(|(cdrom, seen)| {
            let disc = (cdrom.name.clone(), seen);
            view! {
                <ConfirmModal
                    title=format!("Eject {}?", cdrom.name)
                    confirm_label="Eject"
                    pending=eject.pending()
                    on_confirm=Callback::new(move |_| {
                        eject
                            .dispatch_then(
                                disc.clone(),
                                move |outcome| {
                                    if outcome.is_ok() {
                                        request.set(None);
                                    }
                                },
                            );
                    })
                    on_cancel=cancel
                >
                    <p>
                        "The CD-ROM " <strong>{cdrom.name.clone()}</strong>
                        " is removed from the virtual machine. "
                        "A running VM keeps it until it restarts."
                    </p>
                    {cdrom
                        .guest_tools
                        .then(|| {
                            view! {
                                <Alert
                                    variant=AlertVariant::Warning
                                    plain=true
                                    test_id="eject-guest-tools-warning"
                                    title="This CD-ROM holds the Windows guest tools"
                                >
                                    <p>
                                        "Windows needs them to install the VirtIO drivers and the guest agent. Eject it only once they are installed."
                                    </p>
                                </Alert>
                            }
                        })}
                    {move || {
                        eject
                            .error()
                            .map(|message| {
                                view! { <ErrorAlert title="Could not eject the CD-ROM" message /> }
                            })
                    }}
                </ConfirmModal>
            }
        })
    }
}
