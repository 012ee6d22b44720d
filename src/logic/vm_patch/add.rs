//! Adding a disk, NIC or CD-ROM to a VM: the device, its volume or network and any DataVolume
//! template are appended, each array guarded by a `test` of the whole array as read, so a VM
//! whose devices changed meanwhile (even by an append) refuses the patch.

use serde_json::{json, Value};

use super::{
    read::volume_and_disk_names, PatchProblem, DISKS, INTERFACES, NETWORKS, TEMPLATES, VOLUMES,
};
use crate::logic::vm_builder::{added_cdrom, added_disk, added_nic, AddedDevice};
use crate::logic::vm_draft::{CdromDraft, DiskDraft, NicDraft};

/// Adds a disk and its volume (and the DataVolume template that fills it, unless it attaches
/// an existing PVC), as the wizard builds them.
pub fn add_disk(vm: &Value, disk: &DiskDraft) -> Result<Value, PatchProblem> {
    free_disk_name(vm, &disk.name)?;
    add_volume_device(vm, added_disk(vm_name(vm), disk))
}

/// Adds a CD-ROM (on SATA) and the volume with its disc.
pub fn add_cdrom(
    vm: &Value,
    cdrom: &CdromDraft,
    guest_tools_image: &str,
) -> Result<Value, PatchProblem> {
    free_disk_name(vm, &cdrom.name)?;
    add_volume_device(vm, added_cdrom(vm_name(vm), cdrom, guest_tools_image))
}

/// Adds a NIC and its network.
pub fn add_nic(vm: &Value, nic: &NicDraft) -> Result<Value, PatchProblem> {
    let taken = [INTERFACES, NETWORKS]
        .into_iter()
        .any(|pointer| super::index_of(vm, pointer, &nic.name).is_some());
    if taken {
        return Err(PatchProblem::NameTaken(nic.name.clone()));
    }
    let (interface, network) = added_nic(nic);
    Ok(guarded(vec![
        append(vm, INTERFACES, interface),
        append(vm, NETWORKS, network),
    ]))
}

fn vm_name(vm: &Value) -> &str {
    vm["metadata"]["name"].as_str().unwrap_or_default()
}

fn free_disk_name(vm: &Value, name: &str) -> Result<(), PatchProblem> {
    if volume_and_disk_names(vm).iter().any(|taken| taken == name) {
        return Err(PatchProblem::NameTaken(name.to_owned()));
    }
    Ok(())
}

fn add_volume_device(vm: &Value, added: AddedDevice) -> Result<Value, PatchProblem> {
    let mut appends = vec![
        append(vm, DISKS, added.device),
        append(vm, VOLUMES, added.source),
    ];
    if let Some(template) = added.template {
        let dv_name = template["metadata"]["name"].as_str().unwrap_or_default();
        let templates = vm.pointer(TEMPLATES).and_then(Value::as_array);
        if templates.is_some_and(|t| t.iter().any(|t| t["metadata"]["name"] == dv_name)) {
            return Err(PatchProblem::NameTaken(dv_name.to_owned()));
        }
        appends.push(append(vm, TEMPLATES, template));
    }
    Ok(guarded(appends))
}

/// The patch of `appends`: every guard first, so each tests the VM as read (a guard on a
/// parent object would otherwise see the appends before it).
fn guarded(appends: Vec<[Value; 2]>) -> Value {
    let (guards, adds): (Vec<Value>, Vec<Value>) =
        appends.into_iter().map(|[guard, add]| (guard, add)).unzip();
    Value::Array(guards.into_iter().chain(adds).collect())
}

/// Appends `item` to the array at `pointer`, guarded by the array as read; a VM without that
/// array gets one, guarded by the object that holds it. As (guard, change).
fn append(vm: &Value, pointer: &str, item: Value) -> [Value; 2] {
    match vm.pointer(pointer) {
        Some(items @ Value::Array(_)) => [
            json!({"op": "test", "path": pointer, "value": items}),
            json!({"op": "add", "path": format!("{pointer}/-"), "value": item}),
        ],
        _ => {
            let parent = pointer.rsplit_once('/').map_or("", |(parent, _)| parent);
            [
                json!({"op": "test", "path": parent, "value": vm.pointer(parent).cloned().unwrap_or(Value::Null)}),
                json!({"op": "add", "path": pointer, "value": [item]}),
            ]
        }
    }
}
