//! Every object the app builds must be accepted by KubeVirt: this validates them against
//! KubeVirt's own OpenAPI schema (as derived into `mock-api/data/`), rejecting unknown fields as
//! the API server does under strict field validation, with the mock's checker.
#![cfg(not(target_arch = "wasm32"))]

use std::sync::OnceLock;

use mock_api::schema::KubeVirtSchema;
use mock_api::{json_patch, kubevirt_data};
use serde_json::Value;
use windows_vms::logic::cluster_options::{ClusterOptions, FALLBACK_GUEST_TOOLS_IMAGE};
use windows_vms::logic::interface_switch::{disk_choices, nic_choices, revert_patch, switch_patch};
use windows_vms::logic::os::WindowsVersion;
use windows_vms::logic::snapshots::{
    record_snapshot_op, restore_object, snapshot_object, switch_snapshot,
};
use windows_vms::logic::unattend::{AnswerFile, UnattendSettings};
use windows_vms::logic::vm_builder::{build_vm, GUEST_TOOLS_DISK};
use windows_vms::logic::vm_draft::{
    BootSource, CdromDraft, CdromSource, DiskBus, DiskDraft, DiskSource, Hardware,
    InstancetypeChoice, NetworkChoice, NicDraft, NicModel, OsChoice, SysprepChoice, VmDraft,
};
use windows_vms::logic::vm_patch::{
    add_cdrom, add_disk, add_nic, change_disk_bus, change_nic_model, eject_cdrom, remove_disk,
    remove_nic,
};

fn problems(object: &Value, definition: &str) -> Vec<String> {
    static SCHEMA: OnceLock<KubeVirtSchema> = OnceLock::new();
    SCHEMA
        .get_or_init(|| kubevirt_data::bundled_schema().expect("the bundled schema"))
        .problems(object, definition)
        .into_iter()
        .map(|p| format!("{}: {}", p.field, p.message))
        .collect()
}

fn draft(os: OsChoice, boot: BootSource) -> VmDraft {
    let mut draft = VmDraft::new("windows-dev", os, "creation-1".into());
    draft.name = "schema-check".into();
    draft.boot = boot;
    draft
}

fn cluster() -> ClusterOptions {
    ClusterOptions::unknown(FALLBACK_GUEST_TOOLS_IMAGE)
}

/// Every boot source the General step offers.
fn boot_sources() -> Vec<BootSource> {
    let images = "kubevirt-os-images".to_owned();
    vec![
        BootSource::IsoUrl {
            url: "https://example.com/win.iso".into(),
        },
        BootSource::IsoPvc {
            namespace: images.clone(),
            name: "windows-iso".into(),
        },
        BootSource::DataSource {
            namespace: images,
            name: "win2k22".into(),
        },
        BootSource::ContainerDisk {
            image: "quay.io/containerdisks/fedora:latest".into(),
        },
    ]
}

/// A draft using every device, source and setting the Networking, Storage and Advanced
/// steps offer.
fn with_every_device(mut draft: VmDraft, bus: DiskBus, hardware_on: bool) -> VmDraft {
    let sources = [
        DiskSource::Blank,
        DiskSource::Url {
            url: "https://example.com/data.qcow2".into(),
        },
        DiskSource::Pvc {
            namespace: "windows-dev".into(),
            name: "shared-data".into(),
        },
        DiskSource::DataSource {
            namespace: "kubevirt-os-images".into(),
            name: "fedora".into(),
        },
    ];
    for (i, source) in sources.into_iter().enumerate() {
        draft.extra_disks.push(DiskDraft {
            name: format!("data-{i}"),
            source,
            size_gib: 10,
            bus,
        });
    }
    for (i, model) in NicModel::ALL.into_iter().enumerate() {
        draft.nics.push(NicDraft {
            name: format!("nic-{i}"),
            network: NetworkChoice::Multus {
                attachment: "lab-bridge".into(),
            },
            model,
        });
    }
    draft.root_bus = bus;
    draft.hardware = Hardware {
        uefi: hardware_on,
        secure_boot: hardware_on,
        tpm: hardware_on,
        hyperv: hardware_on,
    };
    draft.start = hardware_on;
    draft
}

#[test]
fn every_vm_the_wizard_can_build_is_valid() {
    let mut checked = 0;
    for os in OsChoice::all() {
        for boot in boot_sources() {
            let plain = draft(os, boot);
            let mut sized = plain.clone();
            sized.instancetype = Some(InstancetypeChoice {
                name: "u1.large".into(),
                cpus: 2,
                memory_mib: 8192,
            });
            let mut variants = vec![plain.clone(), sized];
            if os.windows().is_some() {
                let mut generated = plain.clone();
                let mut settings = UnattendSettings::new("schema-check", "Windows 11 Pro");
                settings.admin_password = "pw".into();
                generated.sysprep = SysprepChoice::Generate(settings);
                let mut uploaded = plain.clone();
                uploaded.sysprep = SysprepChoice::Upload {
                    files: vec![AnswerFile {
                        name: "unattend.xml".into(),
                        text: "<unattend xmlns=\"urn:schemas-microsoft-com:unattend\"/>".into(),
                    }],
                };
                variants.extend([generated, uploaded]);
            }
            for bus in DiskBus::ALL {
                variants.push(with_every_device(plain.clone(), bus, true));
                variants.push(with_every_device(plain.clone(), bus, false));
            }
            for variant in variants {
                let mut with_preferences = cluster();
                with_preferences.preferences = vec![os.preference().to_owned()];
                for cluster in [cluster(), with_preferences] {
                    let vm = build_vm(&variant, &cluster);
                    assert_eq!(
                        problems(&vm, "v1.VirtualMachine"),
                        Vec::<String>::new(),
                        "{variant:?}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, (10 * 4 * 8 + 6 * 4 * 2) * 2);
}

#[test]
fn snapshots_and_restores_are_valid() {
    let snapshot = snapshot_object(
        "windows-dev",
        "win11-dev-01",
        "win11-dev-01-before-switch-20261129-220509",
    );
    assert_eq!(
        problems(&snapshot, "v1beta1.VirtualMachineSnapshot"),
        Vec::<String>::new()
    );
    let restore = restore_object(
        "windows-dev",
        "win11-dev-01",
        "win11-dev-01-before-switch-20261129-220509",
        "win11-dev-01-restore-20261129-230000",
    );
    assert_eq!(
        problems(&restore, "v1beta1.VirtualMachineRestore"),
        Vec::<String>::new()
    );
    let mut wrong = restore.clone();
    wrong["spec"]["target"]["name"] = serde_json::json!(7);
    assert_ne!(
        problems(&wrong, "v1beta1.VirtualMachineRestore"),
        Vec::<String>::new()
    );
}

#[test]
fn the_checker_rejects_what_kubevirt_would() {
    let mut vm = build_vm(
        &draft(
            OsChoice::Windows(WindowsVersion::Windows11),
            BootSource::IsoUrl {
                url: "https://e/x.iso".into(),
            },
        ),
        &cluster(),
    );
    vm["spec"]["template"]["spec"]["domain"]["devices"]["disks"][0]["disk"]["buss"] = "sata".into();
    vm["spec"]["template"]["spec"]["domain"]["devices"]["interfaces"][0]["model"] = 7.into();
    let found = problems(&vm, "v1.VirtualMachine");
    assert!(
        found
            .iter()
            .any(|p| p.contains("disks[0].disk.buss: unknown field")),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("interfaces[0].model: Invalid value: 7")),
        "{found:?}"
    );
}

#[test]
fn a_windows_vm_stays_valid_after_a_switch_a_revert_and_an_eject() {
    let vm = build_vm(
        &draft(
            OsChoice::Windows(WindowsVersion::Server2022),
            BootSource::IsoUrl {
                url: "https://e/x.iso".into(),
            },
        ),
        &cluster(),
    );
    let typed: windows_vms::model::VirtualMachine = serde_json::from_value(vm.clone()).unwrap();
    let devices = &typed.spec.template.spec.domain.devices;
    let mut disks = disk_choices(&devices.disks, true);
    disks.iter_mut().for_each(|d| d.chosen = "scsi".into());
    let nics = nic_choices(&devices.interfaces, true);
    let mut switched = vm.clone();
    json_patch::apply(
        &mut switched,
        &switch_patch(&vm, &disks, &nics, chrono::Utc::now()).unwrap(),
    )
    .unwrap();
    assert_eq!(
        problems(&switched, "v1.VirtualMachine"),
        Vec::<String>::new()
    );
    assert_eq!(
        switched["spec"]["template"]["spec"]["domain"]["devices"]["interfaces"][0]["model"],
        "virtio"
    );
    let mut recorded = vm.clone();
    let mut ops = switch_patch(&vm, &disks, &nics, chrono::Utc::now()).unwrap();
    ops.as_array_mut().unwrap().push(record_snapshot_op(
        "schema-check-before-switch-20261129-220509",
    ));
    json_patch::apply(&mut recorded, &ops).expect("the snapshot is recorded after the switch");
    assert_eq!(
        switch_snapshot(&recorded).as_deref(),
        Some("schema-check-before-switch-20261129-220509")
    );
    assert_eq!(
        problems(&recorded, "v1.VirtualMachine"),
        Vec::<String>::new()
    );
    let mut reverted = switched.clone();
    json_patch::apply(&mut reverted, &revert_patch(&switched).unwrap()).unwrap();
    assert_eq!(
        problems(&reverted, "v1.VirtualMachine"),
        Vec::<String>::new()
    );
    let mut ejected = reverted.clone();
    json_patch::apply(
        &mut ejected,
        &eject_cdrom(&reverted, GUEST_TOOLS_DISK).unwrap(),
    )
    .unwrap();
    assert_eq!(
        problems(&ejected, "v1.VirtualMachine"),
        Vec::<String>::new()
    );
}

#[test]
fn a_vm_stays_valid_after_each_device_added_removed_or_changed_from_its_page() {
    let mut vm = build_vm(
        &draft(
            OsChoice::Windows(WindowsVersion::Server2022),
            BootSource::IsoUrl {
                url: "https://e/x.iso".into(),
            },
        ),
        &cluster(),
    );
    let images = "kubevirt-os-images".to_owned();
    let disk_sources = [
        DiskSource::Blank,
        DiskSource::Url {
            url: "https://example.com/data.qcow2".into(),
        },
        DiskSource::Pvc {
            namespace: images.clone(),
            name: "shared".into(),
        },
        DiskSource::DataSource {
            namespace: images.clone(),
            name: "win2k22".into(),
        },
        DiskSource::Existing {
            name: "scratch".into(),
        },
    ];
    let cdrom_sources = [
        CdromSource::GuestTools,
        CdromSource::Url {
            url: "https://example.com/x.iso".into(),
        },
        CdromSource::Pvc {
            namespace: images,
            name: "windows-iso".into(),
        },
        CdromSource::Existing { name: "iso".into() },
    ];
    let mut patches = Vec::new();
    let mut step = |vm: &mut Value, ops: Value, what: String| {
        json_patch::apply(vm, &ops).unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(
            problems(vm, "v1.VirtualMachine"),
            Vec::<String>::new(),
            "{what}"
        );
        patches.push(what);
    };
    for (i, source) in disk_sources.into_iter().enumerate() {
        for bus in DiskBus::ALL {
            let disk = DiskDraft {
                name: format!("data-{i}-{}", bus.api_value()),
                source: source.clone(),
                size_gib: 5,
                bus,
            };
            let ops = add_disk(&vm, &disk).unwrap();
            step(&mut vm, ops, format!("add {disk:?}"));
        }
    }
    for (i, source) in cdrom_sources.into_iter().enumerate() {
        let cdrom = CdromDraft {
            name: format!("cd-{i}"),
            source,
        };
        let ops = add_cdrom(&vm, &cdrom, FALLBACK_GUEST_TOOLS_IMAGE).unwrap();
        step(&mut vm, ops, format!("add {cdrom:?}"));
    }
    for (i, model) in NicModel::ALL.into_iter().enumerate() {
        let nic = NicDraft {
            name: format!("nic-{i}"),
            network: NetworkChoice::Multus {
                attachment: "lab-bridge".into(),
            },
            model,
        };
        let ops = add_nic(&vm, &nic).unwrap();
        step(&mut vm, ops, format!("add {nic:?}"));
    }
    let now = chrono::Utc::now();
    let ops = change_disk_bus(&vm, "data-0-sata", DiskBus::Scsi, now).unwrap();
    step(&mut vm, ops, "change a bus".into());
    let ops = change_nic_model(&vm, "nic-0", NicModel::Virtio, now).unwrap();
    step(&mut vm, ops, "change a model".into());
    for disk in ["data-0-sata", "data-4-virtio", "cd-1", "rootdisk"] {
        let ops = remove_disk(&vm, disk).unwrap();
        step(&mut vm, ops, format!("remove {disk}"));
    }
    for nic in ["nic-1", "default"] {
        let ops = remove_nic(&vm, nic).unwrap();
        step(&mut vm, ops, format!("remove {nic}"));
    }
    assert_eq!(patches.len(), 15 + 4 + 4 + 2 + 4 + 2);
}
