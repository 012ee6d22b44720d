//! Changing one disk's bus or one NIC's model from its row: the same guarded patch the Switch
//! interface dialog sends (`interface_switch::switch_patch`), for that one device.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{index_of, PatchProblem, DISKS, INTERFACES};
use crate::logic::interface_switch::{switch_patch, DeviceChoice};
use crate::logic::vm_draft::{DiskBus, NicModel};

/// Moves the disk `name` (not a CD-ROM) to `bus`.
pub fn change_disk_bus(
    vm: &Value,
    name: &str,
    bus: DiskBus,
    now: DateTime<Utc>,
) -> Result<Value, PatchProblem> {
    let index = index_of(vm, DISKS, name)
        .filter(|i| vm.pointer(&format!("{DISKS}/{i}/disk")).is_some())
        .ok_or_else(|| PatchProblem::NoSuchDevice(name.to_owned()))?;
    // An unset bus is SATA on amd64, as the Switch interface dialog reads it.
    let current = vm
        .pointer(&format!("{DISKS}/{index}/disk/bus"))
        .and_then(Value::as_str)
        .unwrap_or("sata");
    let choice = choice(name, current, bus.api_value());
    Ok(switch_patch(vm, &[choice], &[], now)?)
}

/// Gives the NIC `name` the model `model`.
pub fn change_nic_model(
    vm: &Value,
    name: &str,
    model: NicModel,
    now: DateTime<Utc>,
) -> Result<Value, PatchProblem> {
    let index = index_of(vm, INTERFACES, name)
        .ok_or_else(|| PatchProblem::NoSuchDevice(name.to_owned()))?;
    // An unset model is virtio.
    let current = vm
        .pointer(&format!("{INTERFACES}/{index}/model"))
        .and_then(Value::as_str)
        .unwrap_or("virtio");
    let choice = choice(name, current, model.api_value());
    Ok(switch_patch(vm, &[], &[choice], now)?)
}

fn choice(name: &str, current: &str, chosen: &str) -> DeviceChoice {
    DeviceChoice {
        name: name.to_owned(),
        current: current.to_owned(),
        chosen: chosen.to_owned(),
        boots: false,
    }
}
