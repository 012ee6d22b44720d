//! JSON patches that change a VM's devices: each touches only what it changes and is guarded
//! by `test` operations on what it read, so a VM someone else changed meanwhile is refused by
//! the server instead of overwritten. Adding, removing and changing devices live in the
//! submodules; ejecting a CD-ROM here.

mod add;
mod change;
mod read;
mod remove;

pub use add::{add_cdrom, add_disk, add_nic};
pub use change::{change_disk_bus, change_nic_model};
pub use read::{current_interface, nic_drafts, volume_and_disk_names};
pub use remove::{remove_disk, remove_nic};

use serde_json::{json, Value};

use super::interface_switch::SwitchProblem;

/// Where a VM's template keeps its devices, volumes and networks, and the VM its DataVolume
/// templates.
const DISKS: &str = "/spec/template/spec/domain/devices/disks";
const VOLUMES: &str = "/spec/template/spec/volumes";
const INTERFACES: &str = "/spec/template/spec/domain/devices/interfaces";
const NETWORKS: &str = "/spec/template/spec/networks";
const TEMPLATES: &str = "/spec/dataVolumeTemplates";

/// Why a patch could not be built from the VM as read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PatchProblem {
    #[error("The VM has no CD-ROM called {0}.")]
    NoSuchCdrom(String),
    #[error("The VM no longer has a device called {0}.")]
    NoSuchDevice(String),
    #[error("The VM already has a device or volume called {0}.")]
    NameTaken(String),
    #[error(transparent)]
    Switch(#[from] SwitchProblem),
}

/// The index of the entry called `name` in the array at `pointer`.
fn index_of(vm: &Value, pointer: &str, name: &str) -> Option<usize> {
    vm.pointer(pointer)?
        .as_array()?
        .iter()
        .position(|entry| entry["name"] == name)
}

/// Removes a CD-ROM and its volume from the VM's template: the VM keeps the disc until it
/// restarts (KubeVirt then reports `RestartRequired`).
pub fn eject_cdrom(vm: &Value, cdrom: &str) -> Result<Value, PatchProblem> {
    let disk = index_of(vm, DISKS, cdrom)
        .filter(|i| is_cdrom(vm, *i))
        .ok_or_else(|| PatchProblem::NoSuchCdrom(cdrom.to_owned()))?;
    let mut ops = vec![
        json!({"op": "test", "path": format!("{DISKS}/{disk}/name"), "value": cdrom}),
        json!({"op": "remove", "path": format!("{DISKS}/{disk}")}),
    ];
    // A CD-ROM without a volume is an empty tray; with one, the volume goes too.
    if let Some(volume) = index_of(vm, VOLUMES, cdrom) {
        ops.push(json!({"op": "test", "path": format!("{VOLUMES}/{volume}/name"), "value": cdrom}));
        ops.push(json!({"op": "remove", "path": format!("{VOLUMES}/{volume}")}));
    }
    Ok(Value::Array(ops))
}

fn is_cdrom(vm: &Value, index: usize) -> bool {
    vm.pointer(&format!("{DISKS}/{index}/cdrom")).is_some()
}

#[cfg(test)]
mod tests;
