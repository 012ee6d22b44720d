//! Changing one disk's bus or one NIC's model from its row: the same guarded patch the Switch
//! interface dialog sends (`interface_switch::switch_patch`), for that one device.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::{current_interface, index_of, PatchProblem, DISKS, INTERFACES};
use crate::logic::interface_switch::{switch_patch, DeviceChoice};
use crate::model::{DiskBus, NicModel, Reported, Vocabulary};

/// Moves the disk `name` (not a CD-ROM) to `bus`.
pub fn change_disk_bus(
    vm: &Value,
    name: &str,
    bus: DiskBus,
    now: DateTime<Utc>,
) -> Result<Value, PatchProblem> {
    index_of(vm, DISKS, name)
        .filter(|i| vm.pointer(&format!("{DISKS}/{i}/disk")).is_some())
        .ok_or_else(|| PatchProblem::NoSuchDevice(name.to_owned()))?;
    let choice = choice(name, &current_interface(vm, name, false), bus);
    Ok(switch_patch(vm, &[choice], &[], now)?)
}

/// Gives the NIC `name` the model `model`.
pub fn change_nic_model(
    vm: &Value,
    name: &str,
    model: NicModel,
    now: DateTime<Utc>,
) -> Result<Value, PatchProblem> {
    index_of(vm, INTERFACES, name).ok_or_else(|| PatchProblem::NoSuchDevice(name.to_owned()))?;
    let choice = choice(name, &current_interface(vm, name, true), model);
    Ok(switch_patch(vm, &[], &[choice], now)?)
}

fn choice<T: Vocabulary>(name: &str, current: &str, chosen: T) -> DeviceChoice<T> {
    DeviceChoice {
        name: name.to_owned(),
        current: Reported::parse(current),
        chosen: Reported::Known(chosen),
        boots: false,
    }
}
