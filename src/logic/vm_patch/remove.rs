//! Removing a disk (or CD-ROM) with its volume and DataVolume template, or a NIC with its
//! network: each removal is guarded by a `test` of the name at the index read, as ejecting is.

use serde_json::{json, Value};

use super::{index_of, PatchProblem, DISKS, INTERFACES, NETWORKS, TEMPLATES, VOLUMES};

/// Removes the disk, CD-ROM or LUN `name`, its volume, and the DataVolume template that fills
/// that volume (the VM no longer needs it once the disk is gone).
pub fn remove_disk(vm: &Value, name: &str) -> Result<Value, PatchProblem> {
    let disk =
        index_of(vm, DISKS, name).ok_or_else(|| PatchProblem::NoSuchDevice(name.to_owned()))?;
    let mut ops = guarded_remove(DISKS, disk, "name", name);
    if let Some(volume) = index_of(vm, VOLUMES, name) {
        ops.extend(guarded_remove(VOLUMES, volume, "name", name));
        let data_volume = vm
            .pointer(&format!("{VOLUMES}/{volume}/dataVolume/name"))
            .and_then(Value::as_str);
        let template = data_volume.and_then(|dv| {
            vm.pointer(TEMPLATES)?
                .as_array()?
                .iter()
                .position(|t| t["metadata"]["name"] == dv)
                .map(|index| (index, dv))
        });
        if let Some((index, dv)) = template {
            ops.extend(guarded_remove(TEMPLATES, index, "metadata/name", dv));
        }
    }
    Ok(Value::Array(ops))
}

/// Removes the NIC `name` and its network.
pub fn remove_nic(vm: &Value, name: &str) -> Result<Value, PatchProblem> {
    let interface = index_of(vm, INTERFACES, name)
        .ok_or_else(|| PatchProblem::NoSuchDevice(name.to_owned()))?;
    let mut ops = guarded_remove(INTERFACES, interface, "name", name);
    if let Some(network) = index_of(vm, NETWORKS, name) {
        ops.extend(guarded_remove(NETWORKS, network, "name", name));
    }
    Ok(Value::Array(ops))
}

/// A `test` that the entry at `index` still has `field` = `value`, then its removal.
fn guarded_remove(array: &str, index: usize, field: &str, value: &str) -> Vec<Value> {
    vec![
        json!({"op": "test", "path": format!("{array}/{index}/{field}"), "value": value}),
        json!({"op": "remove", "path": format!("{array}/{index}")}),
    ]
}
