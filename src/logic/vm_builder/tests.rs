//! Tests of the VM the wizard builds, per Windows version and for Linux.

use serde_json::json;

use super::*;
use crate::logic::cluster_options::FALLBACK_GUEST_TOOLS_IMAGE;
use crate::logic::vm_draft::{
    windows_draft, DiskBus, DiskDraft, InstancetypeChoice, LinuxDistro, NicDraft, NicModel,
};

fn cluster() -> ClusterOptions {
    ClusterOptions::unknown("tools:1")
}

fn domain(vm: &Value) -> &Value {
    &vm["spec"]["template"]["spec"]["domain"]
}

#[test]
fn every_windows_version_starts_on_sata_and_e1000e_with_the_guest_tools_cd() {
    for version in WindowsVersion::ALL {
        let vm = build_vm(&windows_draft(version), &cluster());
        let devices = &domain(&vm)["devices"];
        let disks = devices["disks"].as_array().unwrap();
        assert_eq!(disks[0]["disk"]["bus"], "sata", "{version:?}");
        assert_eq!(disks[1]["cdrom"], json!({"bus": "sata", "readonly": true}));
        assert_eq!(disks[2]["name"], GUEST_TOOLS_DISK);
        assert_eq!(disks[2]["cdrom"], json!({"bus": "sata", "readonly": true}));
        assert_eq!(devices["interfaces"][0]["model"], "e1000e");
        let volumes = vm["spec"]["template"]["spec"]["volumes"]
            .as_array()
            .unwrap();
        assert_eq!(volumes[2]["containerDisk"]["image"], "tools:1");
        let disk_names: Vec<&Value> = disks.iter().map(|d| &d["name"]).collect();
        let volume_names: Vec<&Value> = volumes.iter().map(|v| &v["name"]).collect();
        assert_eq!(disk_names, volume_names, "disks and volumes are paired");
        assert_eq!(vm["spec"]["runStrategy"], "Always");
        assert!(vm["spec"].get("running").is_none());
        assert_eq!(
            vm["spec"]["template"]["spec"]["terminationGracePeriodSeconds"],
            3600
        );
    }
}

#[test]
fn firmware_tpm_and_cpu_topology_follow_the_version() {
    let expect = [
        (WindowsVersion::Windows11, true, true, true),
        (WindowsVersion::Windows10, false, false, true),
        (WindowsVersion::Server2025, true, true, false),
        (WindowsVersion::Server2022, true, true, false),
        (WindowsVersion::Server2019, false, false, false),
        (WindowsVersion::Server2016, false, false, false),
    ];
    for (version, persistent, tpm, cores) in expect {
        let mut draft = windows_draft(version);
        draft.cpus = 4;
        let vm = build_vm(&draft, &cluster());
        let domain = domain(&vm);
        assert_eq!(
            domain["firmware"]["bootloader"]["efi"],
            json!({"secureBoot": true, "persistent": persistent}),
            "{version:?}"
        );
        assert_eq!(domain["features"]["smm"]["enabled"], true);
        assert_eq!(domain["devices"]["tpm"].is_object(), tpm, "{version:?}");
        let topology = if cores {
            json!({"cores": 4, "sockets": 1, "threads": 1})
        } else {
            json!({"cores": 1, "sockets": 4, "threads": 1})
        };
        assert_eq!(domain["cpu"], topology, "{version:?}");
    }
}

#[test]
fn windows_gets_hyperv_the_clock_timers_and_a_tablet() {
    let vm = build_vm(&windows_draft(WindowsVersion::Server2022), &cluster());
    let domain = domain(&vm);
    let hyperv = domain["features"]["hyperv"].as_object().unwrap();
    for feature in [
        "relaxed",
        "vapic",
        "vpindex",
        "synic",
        "synictimer",
        "tlbflush",
        "frequencies",
        "reenlightenment",
        "ipi",
        "runtime",
        "reset",
    ] {
        assert!(hyperv.contains_key(feature), "{feature}");
    }
    assert_eq!(hyperv["spinlocks"]["spinlocks"], 8191);
    assert_eq!(domain["clock"]["timer"]["hpet"]["present"], false);
    assert_eq!(domain["clock"]["timer"]["rtc"]["tickPolicy"], "catchup");
    assert_eq!(domain["devices"]["inputs"][0]["type"], "tablet");
}

#[test]
fn linux_uses_virtio_bios_and_no_guest_tools() {
    let mut draft = VmDraft::new("dev", OsChoice::Linux(LinuxDistro::Fedora), "id".into());
    draft.name = "fedora".into();
    let vm = build_vm(&draft, &cluster());
    let devices = &domain(&vm)["devices"];
    assert_eq!(devices["disks"].as_array().unwrap().len(), 1);
    assert_eq!(devices["disks"][0]["disk"]["bus"], "virtio");
    assert_eq!(devices["interfaces"][0]["model"], "virtio");
    assert_eq!(domain(&vm)["firmware"]["bootloader"], json!({"bios": {}}));
    assert!(domain(&vm).get("features").is_none() && devices.get("tpm").is_none());
    assert_eq!(
        vm["spec"]["dataVolumeTemplates"][0]["spec"]["source"]["registry"]["url"],
        "docker://quay.io/containerdisks/fedora:latest"
    );
}

#[test]
fn cluster_instancetypes_and_preferences_are_referred_to() {
    let mut draft = windows_draft(WindowsVersion::Windows11);
    draft.instancetype = Some(InstancetypeChoice {
        name: "u1.large".into(),
        cpus: 2,
        memory_mib: 8192,
    });
    let mut cluster = ClusterOptions::unknown(FALLBACK_GUEST_TOOLS_IMAGE);
    cluster.preferences = vec!["windows.11".into()];
    let vm = build_vm(&draft, &cluster);
    assert_eq!(
        vm["spec"]["instancetype"],
        json!({"kind": "VirtualMachineClusterInstancetype", "name": "u1.large"})
    );
    assert_eq!(vm["spec"]["preference"]["name"], "windows.11");
    assert!(domain(&vm).get("cpu").is_none() && domain(&vm).get("memory").is_none());
}

#[test]
fn added_disks_nics_and_sources_are_paired_and_named() {
    let mut draft = windows_draft(WindowsVersion::Windows10);
    draft.boot = BootSource::DataSource {
        namespace: "kubevirt-os-images".into(),
        name: "win10".into(),
    };
    draft.extra_disks.push(DiskDraft {
        name: "data".into(),
        source: DiskSource::Blank,
        size_gib: 20,
        bus: DiskBus::Virtio,
    });
    draft.nics.push(NicDraft {
        name: "lab".into(),
        network: NetworkChoice::Multus {
            attachment: "lab-bridge".into(),
        },
        model: NicModel::E1000e,
    });
    let vm = build_vm(&draft, &cluster());
    let templates = vm["spec"]["dataVolumeTemplates"].as_array().unwrap();
    assert_eq!(templates[0]["spec"]["sourceRef"]["name"], "win10");
    assert_eq!(templates[1]["metadata"]["name"], "win-data");
    assert_eq!(domain(&vm)["devices"]["disks"][1]["disk"]["bus"], "virtio");
    assert_eq!(
        vm["spec"]["template"]["spec"]["networks"][1],
        json!({"name": "lab", "multus": {"networkName": "lab-bridge"}})
    );
    assert_eq!(domain(&vm)["devices"]["interfaces"][1]["bridge"], json!({}));
    assert_eq!(
        vm["metadata"]["annotations"][CREATION_ID_ANNOTATION],
        "test-id"
    );
}

#[test]
fn a_vm_whose_answer_file_turns_remote_desktop_on_says_so() {
    use crate::logic::unattend::UnattendSettings;
    let mut draft = windows_draft(WindowsVersion::Windows11);
    let plain = build_vm(&draft, &cluster());
    assert!(plain["metadata"]["annotations"]
        .get(REMOTE_DESKTOP_ANNOTATION)
        .is_none());
    let mut settings = UnattendSettings::new("win", "Windows 11 Pro");
    settings.enable_remote_desktop = true;
    draft.sysprep = SysprepChoice::Generate(settings);
    let vm = build_vm(&draft, &cluster());
    assert_eq!(
        vm["metadata"]["annotations"][REMOTE_DESKTOP_ANNOTATION],
        "enabled"
    );
}
