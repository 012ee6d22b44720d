//! Tests of the switch: the choices offered, the guarded patch, the recorded interfaces and the revert.

use super::*;
use crate::logic::patch_check::apply;
use crate::model::VirtualMachine;

fn windows_vm() -> Value {
    json!({
        "metadata": {"name": "win", "annotations": {"description": "kept"}},
        "spec": {"template": {"spec": {"domain": {"devices": {
            "disks": [
                {"name": "rootdisk", "bootOrder": 1, "disk": {"bus": "sata"}},
                {"name": "windows-drivers-disk", "cdrom": {"bus": "sata"}},
                {"name": "data", "disk": {}, "serial": "keep-me"}
            ],
            "interfaces": [{"name": "default", "masquerade": {}, "model": "e1000e"}]
        }}}}}
    })
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00.750Z")
        .unwrap()
        .with_timezone(&chrono::Utc)
}

fn choices(vm: &Value, tools: bool) -> (Vec<DeviceChoice<DiskBus>>, Vec<DeviceChoice<NicModel>>) {
    let typed: VirtualMachine = serde_json::from_value(vm.clone()).unwrap();
    let devices = &typed.spec.template.spec.domain.devices;
    (
        disk_choices(&devices.disks, tools),
        nic_choices(&devices.interfaces, tools),
    )
}

#[test]
fn virtio_is_preselected_only_when_the_guest_tools_are_installed() {
    let (disks, nics) = choices(&windows_vm(), true);
    let summary: Vec<(&str, &str, &str, bool)> = disks
        .iter()
        .map(|d| {
            (
                d.name.as_str(),
                d.current.as_str(),
                d.chosen.as_str(),
                d.boots,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("rootdisk", "sata", "virtio", true),
            ("data", "sata", "virtio", false)
        ],
        "CD-ROMs are not offered; an unset bus is SATA"
    );
    assert_eq!(nics[0].chosen, "virtio");
    let (disks, nics) = choices(&windows_vm(), false);
    assert!(disks.iter().all(|c| !c.changed()) && nics.iter().all(|c| !c.changed()));
}

#[test]
fn the_patch_changes_only_the_chosen_fields_guarded_by_tests() {
    let vm = windows_vm();
    let (mut disks, mut nics) = choices(&vm, true);
    disks[1].chosen = "sata".into();
    nics[0].chosen = "virtio".into();
    let ops = switch_patch(&vm, &disks, &nics, now()).unwrap();
    let ops_list = ops.as_array().unwrap();
    let changing: Vec<&str> = ops_list
        .iter()
        .filter(|o| o["op"] != "test")
        .map(|o| o["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        changing,
        [
            "/spec/template/spec/domain/devices/disks/0/disk/bus",
            "/spec/template/spec/domain/devices/interfaces/0/model",
            "/metadata/annotations/vm.windows-vms.io~1previous-interfaces"
        ]
    );
    assert!(ops_list.contains(&json!({"op": "test", "path": "/spec/template/spec/domain/devices/disks/0/disk/bus", "value": "sata"})));
    let after = apply(vm.clone(), &ops).unwrap();
    let devices = &after["spec"]["template"]["spec"]["domain"]["devices"];
    assert_eq!(devices["disks"][0]["disk"]["bus"], "virtio");
    assert_eq!(
        devices["disks"][2],
        vm["spec"]["template"]["spec"]["domain"]["devices"]["disks"][2]
    );
    assert_eq!(devices["interfaces"][0]["masquerade"], json!({}));
    assert_eq!(after["metadata"]["annotations"]["description"], "kept");
}

#[test]
fn a_vm_changed_since_it_was_read_fails_the_guards() {
    let vm = windows_vm();
    let (disks, nics) = choices(&vm, true);
    let ops = switch_patch(&vm, &disks, &nics, now()).unwrap();
    let mut changed = vm.clone();
    changed["spec"]["template"]["spec"]["domain"]["devices"]["disks"][0]["disk"]["bus"] =
        json!("scsi");
    assert_eq!(
        apply(changed, &ops),
        Err("/spec/template/spec/domain/devices/disks/0/disk/bus".into())
    );
    let mut reordered = vm.clone();
    reordered["spec"]["template"]["spec"]["domain"]["devices"]["disks"]
        .as_array_mut()
        .unwrap()
        .swap(0, 2);
    assert!(apply(reordered, &ops).is_err());
}

#[test]
fn an_unset_bus_is_added_with_the_disk_itself_as_guard() {
    let vm = windows_vm();
    let (disks, _) = choices(&vm, true);
    let ops = switch_patch(&vm, &disks[1..], &[], now()).unwrap();
    assert!(ops.as_array().unwrap().contains(&json!({"op": "test", "path": "/spec/template/spec/domain/devices/disks/2/disk", "value": {}})));
    let after = apply(vm, &ops).unwrap();
    assert_eq!(
        after["spec"]["template"]["spec"]["domain"]["devices"]["disks"][2]["disk"]["bus"],
        "virtio"
    );
}

#[test]
fn the_previous_interfaces_round_trip_through_the_annotation_and_revert() {
    let vm = windows_vm();
    let (disks, nics) = choices(&vm, true);
    let switched = apply(
        vm.clone(),
        &switch_patch(&vm, &disks, &nics, now()).unwrap(),
    )
    .unwrap();
    let previous = previous_interfaces(&switched).unwrap();
    assert_eq!(
        previous.disks.get("rootdisk").map(String::as_str),
        Some("sata")
    );
    assert_eq!(
        previous.nics.get("default").map(String::as_str),
        Some("e1000e")
    );
    let reverted = apply(switched.clone(), &revert_patch(&switched).unwrap()).unwrap();
    let devices = &reverted["spec"]["template"]["spec"]["domain"]["devices"];
    assert_eq!(devices["disks"][0]["disk"]["bus"], "sata");
    assert_eq!(devices["disks"][2]["disk"]["bus"], "sata");
    assert_eq!(devices["interfaces"][0]["model"], "e1000e");
    assert_eq!(
        reverted["metadata"]["annotations"],
        json!({"description": "kept"})
    );
    assert_eq!(
        revert_patch(&vm),
        None,
        "nothing recorded, nothing to revert"
    );
}

#[test]
fn a_vm_without_annotations_gets_the_whole_map() {
    let mut vm = windows_vm();
    vm["metadata"] = json!({"name": "win"});
    let (disks, nics) = choices(&vm, true);
    let after = apply(
        vm.clone(),
        &switch_patch(&vm, &disks, &nics, now()).unwrap(),
    )
    .unwrap();
    assert!(previous_interfaces(&after).is_some());
}

#[test]
fn moving_the_boot_disk_off_sata_is_flagged_and_no_change_is_refused() {
    let vm = windows_vm();
    let (disks, _) = choices(&vm, true);
    assert!(moves_boot_disk_off_sata(&disks));
    assert!(!moves_boot_disk_off_sata(&disks[1..]));
    let (unchanged_disks, unchanged_nics) = choices(&vm, false);
    assert_eq!(
        switch_patch(&vm, &unchanged_disks, &unchanged_nics, now()),
        Err(SwitchProblem::NothingChanged)
    );
}

#[test]
fn a_row_change_of_the_boot_disk_off_sata_without_the_agent_asks_for_confirmation() {
    let typed: VirtualMachine = serde_json::from_value(windows_vm()).unwrap();
    let disks = &typed.spec.template.spec.domain.devices.disks;
    let needs = |name, current, chosen, agent| {
        row_change_needs_confirmation(disks, name, current, chosen, agent)
    };
    assert!(needs("rootdisk", DiskBus::Sata, DiskBus::Virtio, false));
    assert!(
        !needs("rootdisk", DiskBus::Sata, DiskBus::Virtio, true),
        "the agent vouches for the drivers"
    );
    assert!(
        !needs("rootdisk", DiskBus::Sata, DiskBus::Sata, false),
        "nothing changes"
    );
    assert!(
        !needs("rootdisk", DiskBus::Virtio, DiskBus::Sata, false),
        "back to SATA is always safe"
    );
    assert!(
        !needs("data", DiskBus::Sata, DiskBus::Virtio, false),
        "Windows still starts from its boot disk"
    );
}
