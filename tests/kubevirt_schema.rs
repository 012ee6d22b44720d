//! Every object the app builds must be accepted by KubeVirt: this validates them against
//! KubeVirt's own OpenAPI schema (`../shared/kubevirt/swagger.json`), rejecting unknown fields
//! as the API server does under strict field validation, with the mock's checker.
#![cfg(not(target_arch = "wasm32"))]

use std::path::PathBuf;

use mock_api::json_patch;
use mock_api::schema::KubeVirtSchema;
use serde_json::Value;
use windows_vms::logic::interface_switch::{disk_choices, nic_choices, revert_patch, switch_patch};
use windows_vms::logic::os::WindowsVersion;
use windows_vms::logic::vm_builder::{build_vm, DEFAULT_GUEST_TOOLS_IMAGE, GUEST_TOOLS_DISK};
use windows_vms::logic::vm_draft::{BootSource, LinuxDistro, OsChoice, VmDraft};
use windows_vms::logic::vm_patch::eject_cdrom;

fn swagger() -> Value {
    let path = std::env::var("KUBEVIRT_SWAGGER")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/kubevirt/swagger.json")
        });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "KubeVirt's schema is needed at {} ({err}); set KUBEVIRT_SWAGGER",
            path.display()
        )
    });
    serde_json::from_str(&text).expect("swagger.json is JSON")
}

fn problems(object: &Value, definition: &str) -> Vec<String> {
    let schema = KubeVirtSchema::from_swagger(&swagger()).expect("definitions");
    schema
        .problems(object, definition)
        .into_iter()
        .map(|p| format!("{}: {}", p.field, p.message))
        .collect()
}

fn draft(os: OsChoice, boot: BootSource) -> VmDraft {
    let mut draft = VmDraft::new("windows-dev", os);
    draft.name = "schema-check".into();
    draft.boot = boot;
    draft
}

#[test]
fn every_windows_vm_the_form_builds_is_valid() {
    for version in WindowsVersion::ALL {
        let vm = build_vm(
            &draft(
                OsChoice::Windows(version),
                BootSource::InstallIso {
                    url: "https://example.com/win.iso".into(),
                },
            ),
            DEFAULT_GUEST_TOOLS_IMAGE,
        );
        assert_eq!(
            problems(&vm, "v1.VirtualMachine"),
            Vec::<String>::new(),
            "{version:?}"
        );
    }
}

#[test]
fn every_linux_vm_the_form_builds_is_valid() {
    for distro in LinuxDistro::ALL {
        let os = OsChoice::Linux(distro);
        let vm = build_vm(&draft(os, os.suggested_boot()), DEFAULT_GUEST_TOOLS_IMAGE);
        assert_eq!(
            problems(&vm, "v1.VirtualMachine"),
            Vec::<String>::new(),
            "{distro:?}"
        );
    }
}

#[test]
fn the_checker_rejects_what_kubevirt_would() {
    let mut vm = build_vm(
        &draft(
            OsChoice::Windows(WindowsVersion::Windows11),
            BootSource::InstallIso {
                url: "https://e/x.iso".into(),
            },
        ),
        DEFAULT_GUEST_TOOLS_IMAGE,
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
            BootSource::InstallIso {
                url: "https://e/x.iso".into(),
            },
        ),
        DEFAULT_GUEST_TOOLS_IMAGE,
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
