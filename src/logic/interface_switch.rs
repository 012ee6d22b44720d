//! Switching a VM's disks and NICs between emulated and VirtIO devices: the choices offered,
//! the guarded JSON patch that applies them (recording the previous interfaces on the VM so
//! they can be restored), and the patch that restores them.

use std::collections::BTreeMap;

use chrono::{DateTime, Timelike, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::model::vm::{Disk, Interface};
use crate::model::{DiskBus, NicModel, Reported, Vocabulary};

const DISKS: &str = "/spec/template/spec/domain/devices/disks";
const INTERFACES: &str = "/spec/template/spec/domain/devices/interfaces";
/// The annotation that keeps the interfaces a switch replaced.
pub const PREVIOUS_INTERFACES_ANNOTATION: &str = "vm.windows-vms.io/previous-interfaces";

/// Disk buses offered.
pub const DISK_BUSES: [DiskBus; 3] = DiskBus::ALL;
/// NIC models offered: the emulated one Windows starts with, and VirtIO.
pub const NIC_MODELS: [NicModel; 2] = [NicModel::E1000e, NicModel::Virtio];

/// One device in the dialog: the bus or model (`T`) it runs now and the one the user chose. A
/// value the app does not know stays as reported, and is written back unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeviceChoice<T> {
    pub name: String,
    pub current: Reported<T>,
    pub chosen: Reported<T>,
    /// Whether the VM boots from this disk (first in boot order).
    pub boots: bool,
}

impl<T: Vocabulary> DeviceChoice<T> {
    pub fn changed(&self) -> bool {
        self.current != self.chosen
    }
}

/// The interfaces a switch replaced, kept on the VM as JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviousInterfaces {
    #[serde(default)]
    pub disks: BTreeMap<String, String>,
    #[serde(default)]
    pub nics: BTreeMap<String, String>,
    /// When the switch was saved: only an instance started after it runs the new interfaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub switched_at: Option<DateTime<Utc>>,
}

impl PreviousInterfaces {
    pub fn is_empty(&self) -> bool {
        self.disks.is_empty() && self.nics.is_empty()
    }
}

/// The disks (never CD-ROMs, which stay on SATA) with VirtIO preselected when the guest tools
/// are installed, else kept as they are.
pub fn disk_choices(disks: &[Disk], tools_installed: bool) -> Vec<DeviceChoice<DiskBus>> {
    let boot = boot_disk(disks);
    disks
        .iter()
        .filter_map(|d| d.disk.as_ref().map(|target| (d, target)))
        .map(|(d, target)| {
            let current = target.effective_bus();
            let chosen = if tools_installed && current.is(DiskBus::Sata) {
                Reported::Known(DiskBus::Virtio)
            } else {
                current.clone()
            };
            DeviceChoice {
                boots: boot == Some(d.name.as_str()),
                name: d.name.clone(),
                current,
                chosen,
            }
        })
        .collect()
}

/// The NICs, VirtIO preselected for emulated ones when the guest tools are installed.
pub fn nic_choices(interfaces: &[Interface], tools_installed: bool) -> Vec<DeviceChoice<NicModel>> {
    interfaces
        .iter()
        .map(|i| {
            let current = i.effective_model();
            let emulated = current.known().is_some_and(NicModel::is_emulated_intel);
            let chosen = if tools_installed && emulated {
                Reported::Known(NicModel::Virtio)
            } else {
                current.clone()
            };
            DeviceChoice {
                name: i.name.clone(),
                current,
                chosen,
                boots: false,
            }
        })
        .collect()
}

/// The disk the VM boots from: the lowest boot order, else the first disk.
fn boot_disk(disks: &[Disk]) -> Option<&str> {
    disks
        .iter()
        .filter(|d| d.boot_order.is_some())
        .min_by_key(|d| d.boot_order)
        .or_else(|| disks.iter().find(|d| d.disk.is_some()))
        .map(|d| d.name.as_str())
}

/// Whether the choices move the boot disk off SATA: Windows without the VirtIO storage driver
/// then fails to boot (`INACCESSIBLE_BOOT_DEVICE`).
pub fn moves_boot_disk_off_sata(disks: &[DeviceChoice<DiskBus>]) -> bool {
    disks
        .iter()
        .any(|d| d.boots && d.changed() && d.current.is(DiskBus::Sata))
}

/// Whether changing one disk from its row, from `current` to `chosen`, needs the user to confirm
/// that Windows has the VirtIO storage driver: as in the Switch interface dialog, when the disk
/// is the one the VM boots from, it leaves SATA, and no guest agent vouches for the guest tools.
pub fn row_change_needs_confirmation(
    disks: &[Disk],
    name: &str,
    current: DiskBus,
    chosen: DiskBus,
    agent_connected: bool,
) -> bool {
    let choice = DeviceChoice {
        name: name.to_owned(),
        current: Reported::Known(current),
        chosen: Reported::Known(chosen),
        boots: boot_disk(disks) == Some(name),
    };
    !agent_connected && moves_boot_disk_off_sata(&[choice])
}

/// Why a switch patch could not be built.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SwitchProblem {
    #[error("Nothing to change: every device already uses the chosen interface.")]
    NothingChanged,
    #[error("The VM no longer has a device called {0}. Reopen the dialog.")]
    DeviceGone(String),
}

/// The JSON patch for the chosen interfaces, built from the VM as read (`vm`): each changed
/// device is guarded by `test` operations on its name and current value, and the replaced
/// interfaces are recorded (with the time, `now`) in an annotation for a later revert.
pub fn switch_patch(
    vm: &Value,
    disks: &[DeviceChoice<DiskBus>],
    nics: &[DeviceChoice<NicModel>],
    now: DateTime<Utc>,
) -> Result<Value, SwitchProblem> {
    let mut ops = Vec::new();
    let mut previous = PreviousInterfaces {
        // Whole seconds, as Kubernetes stamps the instance that a restart creates.
        switched_at: Some(now.with_nanosecond(0).unwrap_or(now)),
        ..PreviousInterfaces::default()
    };
    for choice in disks.iter().filter(|c| c.changed()) {
        let index = index_of(vm, DISKS, &choice.name)?;
        let base = format!("{DISKS}/{index}");
        ops.push(json!({"op": "test", "path": format!("{base}/name"), "value": choice.name}));
        ops.extend(guarded_set(
            vm,
            &format!("{base}/disk"),
            "bus",
            choice.chosen.as_str(),
        ));
        previous
            .disks
            .insert(choice.name.clone(), choice.current.to_string());
    }
    for choice in nics.iter().filter(|c| c.changed()) {
        let index = index_of(vm, INTERFACES, &choice.name)?;
        let base = format!("{INTERFACES}/{index}");
        ops.push(json!({"op": "test", "path": format!("{base}/name"), "value": choice.name}));
        ops.extend(guarded_set(vm, &base, "model", choice.chosen.as_str()));
        previous
            .nics
            .insert(choice.name.clone(), choice.current.to_string());
    }
    if ops.is_empty() {
        return Err(SwitchProblem::NothingChanged);
    }
    ops.extend(annotation_ops(vm, &previous));
    Ok(Value::Array(ops))
}

/// The patch that puts back the recorded interfaces and removes the record.
pub fn revert_patch(vm: &Value) -> Option<Value> {
    let previous = previous_interfaces(vm)?;
    let mut ops = Vec::new();
    for (name, bus) in &previous.disks {
        let index = index_of(vm, DISKS, name).ok()?;
        let base = format!("{DISKS}/{index}");
        ops.push(json!({"op": "test", "path": format!("{base}/name"), "value": name}));
        ops.extend(guarded_set(vm, &format!("{base}/disk"), "bus", bus));
    }
    for (name, model) in &previous.nics {
        let index = index_of(vm, INTERFACES, name).ok()?;
        let base = format!("{INTERFACES}/{index}");
        ops.push(json!({"op": "test", "path": format!("{base}/name"), "value": name}));
        ops.extend(guarded_set(vm, &base, "model", model));
    }
    let key = escape_pointer(PREVIOUS_INTERFACES_ANNOTATION);
    ops.push(json!({"op": "remove", "path": format!("/metadata/annotations/{key}")}));
    Some(Value::Array(ops))
}

/// The interfaces recorded by the last switch, if any.
pub fn previous_interfaces(vm: &Value) -> Option<PreviousInterfaces> {
    let text = vm["metadata"]["annotations"][PREVIOUS_INTERFACES_ANNOTATION].as_str()?;
    serde_json::from_str::<PreviousInterfaces>(text)
        .ok()
        .filter(|p| !p.is_empty())
}

/// Sets `field` of the object at `object_path` to `value`, tested against what was read: a
/// `test` then `replace` when set, `add` when unset (then the object itself is tested).
fn guarded_set(vm: &Value, object_path: &str, field: &str, value: &str) -> Vec<Value> {
    let path = format!("{object_path}/{field}");
    match vm.pointer(&path) {
        Some(current) => vec![
            json!({"op": "test", "path": path, "value": current}),
            json!({"op": "replace", "path": path, "value": value}),
        ],
        None => vec![
            json!({"op": "test", "path": object_path, "value": vm.pointer(object_path).cloned().unwrap_or(Value::Null)}),
            json!({"op": "add", "path": path, "value": value}),
        ],
    }
}

fn annotation_ops(vm: &Value, previous: &PreviousInterfaces) -> Vec<Value> {
    let record = serde_json::to_string(previous).unwrap_or_default();
    if vm["metadata"]["annotations"].is_object() {
        let key = escape_pointer(PREVIOUS_INTERFACES_ANNOTATION);
        vec![json!({"op": "add", "path": format!("/metadata/annotations/{key}"), "value": record})]
    } else {
        vec![
            json!({"op": "add", "path": "/metadata/annotations", "value": {PREVIOUS_INTERFACES_ANNOTATION: record}}),
        ]
    }
}

fn index_of(vm: &Value, pointer: &str, name: &str) -> Result<usize, SwitchProblem> {
    vm.pointer(pointer)
        .and_then(Value::as_array)
        .and_then(|items| items.iter().position(|i| i["name"] == name))
        .ok_or_else(|| SwitchProblem::DeviceGone(name.to_owned()))
}

/// Escapes a key for a JSON pointer (RFC 6901).
fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests;
