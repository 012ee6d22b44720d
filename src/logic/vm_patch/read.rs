//! What the patches and the Add dialogs need to know of a VM as read: the names its disks and
//! volumes take, and its NICs in the dialogs' terms.

use serde_json::Value;

use super::{DISKS, INTERFACES, NETWORKS, VOLUMES};
use crate::logic::vm_draft::{NetworkChoice, NicDraft, NicModel};

fn names_at<'a>(vm: &'a Value, pointer: &str) -> impl Iterator<Item = &'a str> {
    vm.pointer(pointer)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry["name"].as_str())
}

/// Every name a new disk or CD-ROM may not take: those of the disks and of the volumes.
pub fn volume_and_disk_names(vm: &Value) -> Vec<String> {
    let mut names: Vec<String> = names_at(vm, DISKS)
        .chain(names_at(vm, VOLUMES))
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The VM's NICs with the network behind each, for checking a new one against them.
pub fn nic_drafts(vm: &Value) -> Vec<NicDraft> {
    let networks = vm.pointer(NETWORKS).and_then(Value::as_array);
    vm.pointer(INTERFACES)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|interface| {
            let name = interface["name"].as_str().unwrap_or_default().to_owned();
            let network = networks
                .and_then(|n| n.iter().find(|n| n["name"] == name.as_str()))
                .map_or(NetworkChoice::Pod, |n| {
                    match n["multus"]["networkName"].as_str() {
                        Some(attachment) => NetworkChoice::Multus {
                            attachment: attachment.to_owned(),
                        },
                        None => NetworkChoice::Pod,
                    }
                });
            NicDraft {
                model: interface["model"]
                    .as_str()
                    .and_then(NicModel::from_api_value)
                    .unwrap_or(NicModel::Virtio),
                name,
                network,
            }
        })
        .collect()
}

/// The bus of the disk `name` (unset is SATA on amd64) or, with `nic`, the model of the NIC
/// `name` (unset is virtio), as the Switch interface dialog reads them.
pub fn current_interface(vm: &Value, name: &str, nic: bool) -> String {
    let (pointer, field, unset) = if nic {
        (INTERFACES, "/model", "virtio")
    } else {
        (DISKS, "/disk/bus", "sata")
    };
    vm.pointer(pointer)
        .and_then(Value::as_array)
        .and_then(|items| items.iter().find(|i| i["name"] == name))
        .and_then(|item| item.pointer(field))
        .and_then(Value::as_str)
        .unwrap_or(unset)
        .to_owned()
}
