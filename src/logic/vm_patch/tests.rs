//! The device patches, checked by applying each as the API server does: what changes, what is
//! kept, and that a VM changed meanwhile refuses it.

use chrono::{TimeZone, Utc};
use serde_json::{json, Value};

use super::*;
use crate::logic::patch_check::apply;
use crate::logic::vm_draft::{
    CdromDraft, CdromSource, DiskBus, DiskDraft, DiskSource, NetworkChoice, NicDraft, NicModel,
};

fn vm() -> Value {
    json!({"metadata": {"name": "win", "namespace": "windows-dev"},
        "spec": {
        "runStrategy": "Always",
        "dataVolumeTemplates": [{"metadata": {"name": "win-rootdisk"}, "spec": {"source": {"blank": {}}}},
                                {"metadata": {"name": "win-data"}, "spec": {"source": {"blank": {}}}}],
        "template": {"spec": {
            "domain": {"devices": {
                "disks": [
                    {"name": "rootdisk", "bootOrder": 1, "disk": {"bus": "sata"}},
                    {"name": "data", "disk": {"bus": "sata"}},
                    {"name": "windows-drivers-disk", "cdrom": {"bus": "sata"}}
                ],
                "interfaces": [{"name": "default", "masquerade": {}, "model": "e1000e"}]
            }},
            "networks": [{"name": "default", "pod": {}}],
            "volumes": [
                {"name": "rootdisk", "dataVolume": {"name": "win-rootdisk"}},
                {"name": "data", "dataVolume": {"name": "win-data"}},
                {"name": "windows-drivers-disk", "containerDisk": {"image": "virtio"}}
            ]
        }}
    }})
}

fn spec(vm: &Value) -> &Value {
    &vm["spec"]["template"]["spec"]
}

fn names(items: &Value) -> Vec<&str> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            i["name"]
                .as_str()
                .or(i["metadata"]["name"].as_str())
                .unwrap()
        })
        .collect()
}

fn disk(name: &str, source: DiskSource) -> DiskDraft {
    DiskDraft {
        name: name.into(),
        source,
        size_gib: 20,
        bus: DiskBus::Sata,
    }
}

#[test]
fn a_blank_disk_gets_a_data_volume_template_as_the_wizard_builds_it() {
    let ops = add_disk(&vm(), &disk("logs", DiskSource::Blank)).unwrap();
    let after = apply(vm(), &ops).unwrap();
    assert_eq!(
        names(&spec(&after)["domain"]["devices"]["disks"]),
        ["rootdisk", "data", "windows-drivers-disk", "logs"]
    );
    assert_eq!(
        spec(&after)["domain"]["devices"]["disks"][3],
        json!({"name": "logs", "disk": {"bus": "sata"}})
    );
    assert_eq!(
        spec(&after)["volumes"][3],
        json!({"name": "logs", "dataVolume": {"name": "win-logs"}})
    );
    assert_eq!(
        after["spec"]["dataVolumeTemplates"][2],
        json!({"metadata": {"name": "win-logs"}, "spec": {"source": {"blank": {}},
            "storage": {"resources": {"requests": {"storage": "20Gi"}}}}})
    );
    // Only appends and their guards: nothing else is sent.
    let kinds: Vec<&str> = ops
        .as_array()
        .unwrap()
        .iter()
        .map(|op| op["op"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["test", "test", "test", "add", "add", "add"]);
}

#[test]
fn an_existing_pvc_is_attached_and_a_data_source_is_cloned() {
    let existing = DiskSource::Existing {
        name: "shared".into(),
    };
    let after = apply(vm(), &add_disk(&vm(), &disk("shared", existing)).unwrap()).unwrap();
    assert_eq!(
        spec(&after)["volumes"][3],
        json!({"name": "shared", "persistentVolumeClaim": {"claimName": "shared"}})
    );
    assert_eq!(
        after["spec"]["dataVolumeTemplates"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let source = DiskSource::DataSource {
        namespace: "os-images".into(),
        name: "win2k22".into(),
    };
    let after = apply(vm(), &add_disk(&vm(), &disk("clone", source)).unwrap()).unwrap();
    assert_eq!(
        after["spec"]["dataVolumeTemplates"][2]["spec"]["sourceRef"],
        json!({"kind": "DataSource", "namespace": "os-images", "name": "win2k22"})
    );
}

#[test]
fn a_vm_without_templates_or_networks_gets_the_arrays() {
    let mut bare = vm();
    bare["spec"]
        .as_object_mut()
        .unwrap()
        .remove("dataVolumeTemplates");
    spec_mut(&mut bare)
        .as_object_mut()
        .unwrap()
        .remove("networks");
    let after = apply(
        bare.clone(),
        &add_disk(&bare, &disk("logs", DiskSource::Blank)).unwrap(),
    )
    .unwrap();
    assert_eq!(names(&after["spec"]["dataVolumeTemplates"]), ["win-logs"]);
    let nic = NicDraft::pod_network(NicModel::E1000e);
    let nic = NicDraft {
        name: "second".into(),
        ..nic
    };
    let after = apply(bare.clone(), &add_nic(&bare, &nic).unwrap()).unwrap();
    assert_eq!(names(&spec(&after)["networks"]), ["second"]);
}

fn spec_mut(vm: &mut Value) -> &mut Value {
    &mut vm["spec"]["template"]["spec"]
}

#[test]
fn a_nic_joins_its_network() {
    let nic = NicDraft {
        name: "lab".into(),
        network: NetworkChoice::Multus {
            attachment: "lab-bridge".into(),
        },
        model: NicModel::E1000e,
    };
    let after = apply(vm(), &add_nic(&vm(), &nic).unwrap()).unwrap();
    assert_eq!(
        spec(&after)["domain"]["devices"]["interfaces"][1],
        json!({"name": "lab", "bridge": {}, "model": "e1000e"})
    );
    assert_eq!(
        spec(&after)["networks"][1],
        json!({"name": "lab", "multus": {"networkName": "lab-bridge"}})
    );
    let taken = NicDraft {
        name: "default".into(),
        ..nic
    };
    assert_eq!(
        add_nic(&vm(), &taken),
        Err(PatchProblem::NameTaken("default".into()))
    );
}

#[test]
fn a_cdrom_is_on_sata_with_its_disc() {
    let tools = CdromDraft {
        name: "tools".into(),
        source: CdromSource::GuestTools,
    };
    let after = apply(vm(), &add_cdrom(&vm(), &tools, "quay.io/virtio").unwrap()).unwrap();
    assert_eq!(
        spec(&after)["domain"]["devices"]["disks"][3],
        json!({"name": "tools", "cdrom": {"bus": "sata", "readonly": true}})
    );
    assert_eq!(
        spec(&after)["volumes"][3],
        json!({"name": "tools", "containerDisk": {"image": "quay.io/virtio"}})
    );
    let iso = CdromDraft {
        name: "iso".into(),
        source: CdromSource::Url {
            url: "https://example.com/x.iso".into(),
        },
    };
    let after = apply(vm(), &add_cdrom(&vm(), &iso, "img").unwrap()).unwrap();
    assert_eq!(
        after["spec"]["dataVolumeTemplates"][2]["spec"]["source"],
        json!({"http": {"url": "https://example.com/x.iso"}})
    );
    let clash = CdromDraft {
        name: "data".into(),
        source: CdromSource::GuestTools,
    };
    assert_eq!(
        add_cdrom(&vm(), &clash, "img"),
        Err(PatchProblem::NameTaken("data".into()))
    );
}

#[test]
fn an_add_is_refused_when_the_devices_changed_meanwhile() {
    let ops = add_disk(&vm(), &disk("logs", DiskSource::Blank)).unwrap();
    let mut changed = vm();
    spec_mut(&mut changed)["domain"]["devices"]["disks"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "logs", "disk": {}}));
    assert_eq!(
        apply(changed, &ops),
        Err("/spec/template/spec/domain/devices/disks".into())
    );
}

#[test]
fn removing_a_disk_takes_its_volume_and_template_guarded_by_their_names() {
    let ops = remove_disk(&vm(), "data").unwrap();
    assert_eq!(
        ops,
        json!([
            {"op": "test", "path": "/spec/template/spec/domain/devices/disks/1/name", "value": "data"},
            {"op": "remove", "path": "/spec/template/spec/domain/devices/disks/1"},
            {"op": "test", "path": "/spec/template/spec/volumes/1/name", "value": "data"},
            {"op": "remove", "path": "/spec/template/spec/volumes/1"},
            {"op": "test", "path": "/spec/dataVolumeTemplates/1/metadata/name", "value": "win-data"},
            {"op": "remove", "path": "/spec/dataVolumeTemplates/1"}
        ])
    );
    let after = apply(vm(), &ops).unwrap();
    assert_eq!(
        names(&after["spec"]["dataVolumeTemplates"]),
        ["win-rootdisk"]
    );
    let mut reordered = vm();
    spec_mut(&mut reordered)["volumes"]
        .as_array_mut()
        .unwrap()
        .rotate_left(1);
    assert!(apply(reordered, &ops).is_err(), "a reordered VM refuses it");
    assert_eq!(
        remove_disk(&vm(), "missing"),
        Err(PatchProblem::NoSuchDevice("missing".into()))
    );
}

#[test]
fn removing_a_nic_takes_its_network() {
    let after = apply(vm(), &remove_nic(&vm(), "default").unwrap()).unwrap();
    assert_eq!(spec(&after)["domain"]["devices"]["interfaces"], json!([]));
    assert_eq!(spec(&after)["networks"], json!([]));
}

#[test]
fn a_row_change_is_the_switch_interface_patch_for_that_device() {
    let now = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
    let ops = change_disk_bus(&vm(), "data", DiskBus::Virtio, now).unwrap();
    let after = apply(vm(), &ops).unwrap();
    assert_eq!(
        spec(&after)["domain"]["devices"]["disks"][1]["disk"]["bus"],
        "virtio"
    );
    assert_eq!(
        spec(&after)["domain"]["devices"]["disks"][0]["disk"]["bus"],
        "sata"
    );
    let ops = change_nic_model(&vm(), "default", NicModel::Virtio, now).unwrap();
    let after = apply(vm(), &ops).unwrap();
    assert_eq!(
        spec(&after)["domain"]["devices"]["interfaces"][0]["model"],
        "virtio"
    );
    assert_eq!(
        change_disk_bus(&vm(), "windows-drivers-disk", DiskBus::Virtio, now),
        Err(PatchProblem::NoSuchDevice("windows-drivers-disk".into())),
        "a CD-ROM stays on SATA"
    );
    assert!(matches!(
        change_nic_model(&vm(), "default", NicModel::E1000e, now),
        Err(PatchProblem::Switch(_))
    ));
}

#[test]
fn unset_buses_and_models_read_as_kubevirt_runs_them() {
    let mut vm = vm();
    spec_mut(&mut vm)["domain"]["devices"]["disks"][1]["disk"] = json!({});
    spec_mut(&mut vm)["domain"]["devices"]["interfaces"][0]
        .as_object_mut()
        .unwrap()
        .remove("model");
    assert_eq!(current_interface(&vm, "rootdisk", false), "sata");
    assert_eq!(current_interface(&vm, "data", false), "sata");
    assert_eq!(current_interface(&vm, "default", true), "virtio");
    let ops = change_disk_bus(&vm, "data", DiskBus::Scsi, Utc::now()).unwrap();
    let after = apply(vm, &ops).unwrap();
    assert_eq!(
        spec(&after)["domain"]["devices"]["disks"][1]["disk"]["bus"],
        "scsi"
    );
}

#[test]
fn the_names_taken_and_the_nics_are_read_from_the_vm() {
    assert_eq!(
        volume_and_disk_names(&vm()),
        ["data", "rootdisk", "windows-drivers-disk"]
    );
    assert_eq!(
        nic_drafts(&vm()),
        [NicDraft {
            name: "default".into(),
            network: NetworkChoice::Pod,
            model: NicModel::E1000e
        }]
    );
}

/// Ejecting a CD-ROM.
mod eject {
    use super::*;

    fn windows_vm() -> Value {
        json!({"spec": {"template": {"spec": {
            "domain": {"devices": {"disks": [
                {"name": "rootdisk", "disk": {"bus": "sata"}},
                {"name": "windows-drivers-disk", "cdrom": {"bus": "sata"}},
                {"name": "install", "cdrom": {"bus": "sata"}, "futureField": true}
            ]}},
            "volumes": [
                {"name": "rootdisk", "dataVolume": {"name": "root"}},
                {"name": "install", "containerDisk": {"image": "iso"}},
                {"name": "windows-drivers-disk", "containerDisk": {"image": "virtio"}}
            ]
        }}}})
    }

    #[test]
    fn ejecting_removes_the_cdrom_and_its_volume_only_guarded_by_their_names() {
        let vm = windows_vm();
        let ops = eject_cdrom(&vm, "windows-drivers-disk").unwrap();
        assert_eq!(
            ops,
            json!([
                {"op": "test", "path": "/spec/template/spec/domain/devices/disks/1/name", "value": "windows-drivers-disk"},
                {"op": "remove", "path": "/spec/template/spec/domain/devices/disks/1"},
                {"op": "test", "path": "/spec/template/spec/volumes/2/name", "value": "windows-drivers-disk"},
                {"op": "remove", "path": "/spec/template/spec/volumes/2"}
            ])
        );
        let after = apply(vm, &ops).unwrap();
        let disks = &after["spec"]["template"]["spec"]["domain"]["devices"]["disks"];
        assert_eq!(disks.as_array().unwrap().len(), 2);
        assert_eq!(
            disks[1]["futureField"], true,
            "fields the app does not know survive"
        );
        assert_eq!(
            after["spec"]["template"]["spec"]["volumes"]
                .as_array()
                .unwrap()
                .len(),
            2
        );
    }

    #[test]
    fn only_a_cdrom_can_be_ejected() {
        let vm = windows_vm();
        assert_eq!(
            eject_cdrom(&vm, "rootdisk"),
            Err(PatchProblem::NoSuchCdrom("rootdisk".into()))
        );
        assert_eq!(
            eject_cdrom(&vm, "missing"),
            Err(PatchProblem::NoSuchCdrom("missing".into()))
        );
    }

    #[test]
    fn an_empty_tray_has_no_volume_to_remove() {
        let mut vm = windows_vm();
        vm["spec"]["template"]["spec"]["volumes"]
            .as_array_mut()
            .unwrap()
            .remove(1);
        let ops = eject_cdrom(&vm, "install").unwrap();
        assert_eq!(ops.as_array().unwrap().len(), 2);
    }
}
