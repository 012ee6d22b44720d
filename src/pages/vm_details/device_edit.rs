//! Changing a VM's devices from its page: the Add disk / NIC / CD-ROM dialogs, removing a
//! device and changing a disk's bus or a NIC's model. Each is one guarded JSON patch built from
//! the VM as read when the dialog opened (`logic::vm_patch`); a VM changed meanwhile refuses it,
//! the dialog says so and reads the VM again, and what the user typed stays.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;

use super::device_forms::{ChangeInterfaceDialog, RemoveDevice};
use crate::api::resource::ApiResource;
use crate::api::{self, Api, ApiError};
use crate::components::Mutation;
use crate::context::{use_client, use_config, use_device_edits};
use crate::logic::cluster_options::ClusterOptions;
use crate::logic::interface_switch::row_change_needs_confirmation;
use crate::logic::vm_builder::GUEST_TOOLS_DISK;
use crate::logic::vm_draft::{
    default_disk_bus, default_nic_model, next_free_name, suggested_nic, CdromDraft, CdromSource,
    DiskBus, DiskDraft, DiskSource, NicModel,
};
use crate::logic::vm_list::VmRow;
use crate::logic::vm_patch::{
    add_cdrom, add_disk, add_nic, change_disk_bus, change_nic_model, current_interface, nic_drafts,
    remove_disk, remove_nic, volume_and_disk_names, PatchProblem,
};
use crate::model::vm::VmObject;
use crate::model::{VirtualMachine, VirtualMachineInstance};
use crate::pages::device_dialogs::{AddCdromDialog, AddDiskDialog, AddNicDialog};

/// When a change to the devices takes effect, as every dialog here says.
pub const APPLIES_AT_RESTART: &str = "The change is saved to the virtual machine now and applies at its next restart; a stopped VM gets it when it starts.";

/// What the user asked to change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeviceEdit {
    AddDisk,
    AddNic,
    AddCdrom,
    /// A disk, CD-ROM or LUN, by name.
    RemoveDisk(String),
    RemoveNic(String),
    ChangeDisk(String),
    ChangeNic(String),
}

/// The change being made, provided by the VM page so device rows anywhere on it can ask.
#[derive(Clone, Copy)]
pub struct DeviceEdits(RwSignal<Option<DeviceEdit>>);

impl DeviceEdits {
    pub fn provide() {
        provide_context(Self(RwSignal::new(None)));
    }

    pub fn open(self, edit: DeviceEdit) {
        self.0.set(Some(edit));
    }
}

/// The dialog of the change asked for, while there is one.
#[component]
pub fn DeviceEditHost(
    #[prop(into)] vm: Signal<VmObject>,
    /// The running instance, whose guest agent tells whether the guest tools are installed.
    #[prop(into)]
    vmi: Signal<Option<VirtualMachineInstance>>,
    namespace: String,
    name: String,
) -> impl IntoView {
    let Some(edits) = use_device_edits() else {
        return ().into_any();
    };
    let on_close = Callback::new(move |()| edits.0.set(None));
    (move || {
        edits.0.get().map(|edit| {
            view! {
                <EditDialog
                    edit
                    seen=vm.get_untracked()
                    agent_connected=vmi
                        .with_untracked(|i| {
                            i.as_ref().is_some_and(VirtualMachineInstance::agent_connected)
                        })
                    namespace=namespace.clone()
                    name=name.clone()
                    on_close
                />
            }
        })
    })
    .into_any()
}

/// One change: its dialog, and the patch it sends.
#[component]
fn EditDialog(
    edit: DeviceEdit,
    seen: VmObject,
    agent_connected: bool,
    namespace: String,
    name: String,
    on_close: Callback<()>,
) -> impl IntoView {
    let client = use_client();
    let windows = VmRow::new(&seen.vm, None).is_windows;
    let disks = StoredValue::new(seen.vm.spec.template.spec.domain.devices.disks.clone());
    let seen = RwSignal::new(seen.raw);
    let failure = RwSignal::new(None::<String>);
    let save = {
        let (client, namespace, name) = (client.clone(), namespace.clone(), name.clone());
        Mutation::new(move |ops: Value| {
            let (client, namespace, name) = (client.clone(), namespace.clone(), name.clone());
            async move {
                Api::<VirtualMachine>::namespaced(&client, &namespace)
                    .json_patch(&name, &ops)
                    .await
            }
        })
    };
    let reread = (namespace.clone(), name.clone());
    let saved = move |outcome: &Result<VirtualMachine, ApiError>| match outcome {
        Ok(_) => on_close.run(()),
        Err(err) => {
            failure.set(Some(err.user_message()));
            if err.is_changed_meanwhile() {
                // The next attempt is built from the VM as it is now.
                let (client, (namespace, name)) = (client.clone(), reread.clone());
                spawn_local(async move {
                    let fresh = Api::<VmObject>::namespaced(&client, &namespace)
                        .get(&name)
                        .await;
                    if let Ok(fresh) = fresh {
                        // The dialog may have been closed meanwhile.
                        let _ = seen.try_set(fresh.raw);
                    }
                });
            }
        }
    };
    let pending = save.pending();
    let send = move |ops: Result<Value, PatchProblem>| {
        if pending.get_untracked() {
            return;
        }
        match ops {
            Ok(ops) => {
                failure.set(None);
                save.dispatch_then(ops, saved.clone());
            }
            Err(problem) => failure.set(Some(problem.to_string())),
        }
    };
    let failure: Signal<Option<String>> = failure.into();
    let taken = Signal::derive(move || seen.with(volume_and_disk_names));
    let note = Some(APPLIES_AT_RESTART);
    match edit {
        DeviceEdit::AddDisk => {
            let cluster = cluster_options(namespace.clone());
            let initial = DiskDraft {
                name: next_free_name("disk", 1, &taken.get_untracked()),
                source: DiskSource::Blank,
                size_gib: 10,
                bus: default_disk_bus(windows),
            };
            let on_submit =
                Callback::new(move |disk| send(seen.with_untracked(|vm| add_disk(vm, &disk))));
            view! {
                <AddDiskDialog
                    windows
                    taken
                    cluster
                    namespace=namespace
                    initial
                    on_submit
                    on_cancel=on_close
                    failure
                    pending
                    note=APPLIES_AT_RESTART
                />
            }
            .into_any()
        }
        DeviceEdit::AddNic => {
            let cluster = cluster_options(namespace);
            let attachments = Signal::derive(move || cluster.with(|c| c.attachments.clone()));
            let others = Signal::derive(move || seen.with(nic_drafts));
            let initial = suggested_nic(
                &others.get_untracked(),
                &attachments.get_untracked(),
                default_nic_model(windows),
            );
            let on_submit =
                Callback::new(move |nic| send(seen.with_untracked(|vm| add_nic(vm, &nic))));
            view! {
                <AddNicDialog
                    windows
                    others
                    attachments
                    initial
                    on_submit
                    on_cancel=on_close
                    failure
                    pending
                    note=APPLIES_AT_RESTART
                />
            }
            .into_any()
        }
        DeviceEdit::AddCdrom => {
            let cluster = cluster_options(namespace.clone());
            let taken_now = taken.get_untracked();
            // A Windows VM without the guest tools gets them back under their usual name.
            let tools_free = windows && !taken_now.iter().any(|n| n == GUEST_TOOLS_DISK);
            let initial = CdromDraft {
                name: if tools_free {
                    GUEST_TOOLS_DISK.to_owned()
                } else {
                    next_free_name("cdrom", 1, &taken_now)
                },
                source: if windows {
                    CdromSource::GuestTools
                } else {
                    CdromSource::Url { url: String::new() }
                },
            };
            let on_submit = Callback::new(move |cdrom| {
                let image = cluster.with_untracked(|c| c.guest_tools_image.clone());
                send(seen.with_untracked(|vm| add_cdrom(vm, &cdrom, &image)))
            });
            view! {
                <AddCdromDialog
                    windows
                    taken
                    cluster
                    namespace=namespace
                    initial
                    on_submit
                    on_cancel=on_close
                    failure
                    pending
                    note=APPLIES_AT_RESTART
                />
            }
            .into_any()
        }
        DeviceEdit::RemoveDisk(ref device) | DeviceEdit::RemoveNic(ref device) => {
            let nic = matches!(edit, DeviceEdit::RemoveNic(_));
            let device = device.clone();
            let target = device.clone();
            let on_confirm = Callback::new(move |()| {
                send(seen.with_untracked(|vm| {
                    if nic {
                        remove_nic(vm, &target)
                    } else {
                        remove_disk(vm, &target)
                    }
                }))
            });
            view! { <RemoveDevice device nic on_confirm on_cancel=on_close failure pending note /> }
                .into_any()
        }
        DeviceEdit::ChangeDisk(ref device) | DeviceEdit::ChangeNic(ref device) => {
            let nic = matches!(edit, DeviceEdit::ChangeNic(_));
            let device = device.clone();
            let current = seen.with_untracked(|vm| current_interface(vm, &device, nic));
            let needs_confirmation = {
                let (device, current) = (device.clone(), DiskBus::from_api_value(&current));
                Callback::new(move |chosen: String| {
                    match (nic, current, DiskBus::from_api_value(&chosen)) {
                        (false, Some(current), Some(chosen)) => disks.with_value(|disks| {
                            row_change_needs_confirmation(
                                disks,
                                &device,
                                current,
                                chosen,
                                agent_connected,
                            )
                        }),
                        _ => false,
                    }
                })
            };
            let target = device.clone();
            let on_submit = Callback::new(move |value: String| {
                let now = chrono::Utc::now();
                send(seen.with_untracked(|vm| match (nic, &value) {
                    (true, v) => match NicModel::from_api_value(v) {
                        Some(model) => change_nic_model(vm, &target, model, now),
                        None => Err(PatchProblem::NoSuchDevice(target.clone())),
                    },
                    (false, v) => match DiskBus::from_api_value(v) {
                        Some(bus) => change_disk_bus(vm, &target, bus, now),
                        None => Err(PatchProblem::NoSuchDevice(target.clone())),
                    },
                }))
            });
            view! {
                <ChangeInterfaceDialog
                    device
                    nic
                    current
                    windows
                    agent_connected
                    needs_confirmation
                    on_submit
                    on_cancel=on_close
                    failure
                    pending
                    note
                />
            }
            .into_any()
        }
    }
}

/// What the cluster offers the VM's namespace, read when an Add dialog opens; until then (or if
/// the read fails) nothing beyond the configured guest tools image.
fn cluster_options(namespace: String) -> Signal<ClusterOptions> {
    let client = use_client();
    let fallback = use_config().guest_tools_image;
    let unknown = ClusterOptions::unknown(&fallback);
    let options = ApiResource::new(
        move || namespace.clone(),
        move |ns| {
            let (client, fallback) = (client.clone(), fallback.clone());
            async move { Ok::<_, ApiError>(api::cluster_options::load(&client, &ns, &fallback).await) }
        },
    );
    Signal::derive(move || match options.get() {
        Some(Ok(loaded)) => loaded,
        _ => unknown.clone(),
    })
}
