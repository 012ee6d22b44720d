//! Turns what the user chose in the create form into the VirtualMachine to send, with the
//! defaults each operating system needs (for Windows: SATA disks and an e1000e NIC until the
//! drivers are in, the guest tools CD-ROM, UEFI, Secure Boot, TPM and Hyper-V enlightenments).

use serde_json::{json, Value};

use super::os::WindowsVersion;
use super::vm_draft::{BootSource, OsChoice, VmDraft};

/// The image that carries the Windows guest tools when the cluster names none.
pub const DEFAULT_GUEST_TOOLS_IMAGE: &str = "quay.io/kubevirt/virtio-container-disk:v1.6.0";
/// Name of the guest tools CD-ROM, as the OpenShift console names it.
pub const GUEST_TOOLS_DISK: &str = "windows-drivers-disk";
const ROOT_DISK: &str = "rootdisk";
const INSTALL_CDROM: &str = "installcdrom";
/// Room for any Windows install ISO.
const INSTALL_ISO_GIB: u32 = 8;

/// The VirtualMachine for a draft. Windows gets its guest tools from `guest_tools_image`.
pub fn build_vm(draft: &VmDraft, guest_tools_image: &str) -> Value {
    let windows = match draft.os {
        OsChoice::Windows(v) => Some(v),
        OsChoice::Linux(_) => None,
    };
    // Windows has no VirtIO drivers until the guest tools are installed.
    let (disk_bus, nic_model) = if windows.is_some() {
        ("sata", "e1000e")
    } else {
        ("virtio", "virtio")
    };
    let root_dv = format!("{}-{ROOT_DISK}", draft.name);
    let storage = |gib: u32| json!({"resources": {"requests": {"storage": format!("{gib}Gi")}}});

    let mut disks = vec![json!({"name": ROOT_DISK, "bootOrder": 1, "disk": {"bus": disk_bus}})];
    let mut volumes = vec![json!({"name": ROOT_DISK, "dataVolume": {"name": root_dv}})];
    let mut data_volumes = Vec::new();
    match &draft.boot {
        BootSource::InstallIso { url } => {
            let iso_dv = format!("{}-{INSTALL_CDROM}", draft.name);
            data_volumes.push(json!({"metadata": {"name": root_dv}, "spec": {"source": {"blank": {}}, "storage": storage(draft.disk_gib)}}));
            data_volumes.push(json!({"metadata": {"name": iso_dv}, "spec": {"source": {"http": {"url": url.trim()}}, "storage": storage(INSTALL_ISO_GIB)}}));
            disks.push(json!({"name": INSTALL_CDROM, "bootOrder": 2, "cdrom": {"bus": "sata"}}));
            volumes.push(json!({"name": INSTALL_CDROM, "dataVolume": {"name": iso_dv}}));
        }
        BootSource::RegistryImage { image } => {
            let image = image.trim();
            let url = if image.starts_with("docker://") {
                image.to_owned()
            } else {
                format!("docker://{image}")
            };
            data_volumes.push(json!({"metadata": {"name": root_dv}, "spec": {"source": {"registry": {"url": url}}, "storage": storage(draft.disk_gib)}}));
        }
    }
    if windows.is_some() {
        disks.push(json!({"name": GUEST_TOOLS_DISK, "cdrom": {"bus": "sata"}}));
        volumes
            .push(json!({"name": GUEST_TOOLS_DISK, "containerDisk": {"image": guest_tools_image}}));
    }

    let mut domain = json!({
        "cpu": {"cores": 1, "sockets": draft.cpus, "threads": 1},
        "memory": {"guest": format!("{}Gi", draft.memory_gib)},
        "devices": {
            "disks": disks,
            "interfaces": [{"name": "default", "masquerade": {}, "model": nic_model}],
        },
    });
    let mut grace_period = 180;
    if let Some(version) = windows {
        apply_windows_defaults(&mut domain, version, draft.cpus);
        grace_period = 3600;
    }
    let os_id = match draft.os {
        OsChoice::Windows(v) => v.os_annotation(),
        OsChoice::Linux(d) => d.os_id(),
    };
    json!({
        "apiVersion": "kubevirt.io/v1",
        "kind": "VirtualMachine",
        "metadata": {
            "name": draft.name,
            "namespace": draft.namespace,
            "labels": {"app": draft.name},
            "annotations": {"vm.kubevirt.io/os": os_id},
        },
        "spec": {
            "runStrategy": if draft.start { "Always" } else { "Halted" },
            "dataVolumeTemplates": data_volumes,
            "template": {
                "metadata": {"labels": {"kubevirt.io/domain": draft.name}},
                "spec": {
                    "domain": domain,
                    "networks": [{"name": "default", "pod": {}}],
                    "terminationGracePeriodSeconds": grace_period,
                    "volumes": volumes,
                },
            },
        },
    })
}

/// Firmware, TPM, clock, Hyper-V and input settings Windows runs best with.
fn apply_windows_defaults(domain: &mut Value, version: WindowsVersion, cpus: u32) {
    let d = version.defaults();
    if d.cpu_as_cores {
        domain["cpu"] = json!({"cores": cpus, "sockets": 1, "threads": 1});
    }
    domain["firmware"] = json!({"bootloader": {"efi": {"secureBoot": d.secure_boot, "persistent": d.efi_persistent}}});
    domain["features"] = json!({
        "acpi": {},
        "apic": {},
        "smm": {"enabled": d.secure_boot},
        "hyperv": {
            "relaxed": {}, "vapic": {}, "vpindex": {}, "spinlocks": {"spinlocks": 8191}, "synic": {},
            "synictimer": {"direct": {}}, "tlbflush": {}, "frequencies": {}, "reenlightenment": {},
            "ipi": {}, "runtime": {}, "reset": {}
        }
    });
    domain["clock"] = json!({
        "utc": {},
        "timer": {"hpet": {"present": false}, "pit": {"tickPolicy": "delay"}, "rtc": {"tickPolicy": "catchup"}, "hyperv": {}}
    });
    // A USB tablet keeps the mouse in step in the VNC console.
    domain["devices"]["inputs"] = json!([{"name": "tablet", "type": "tablet", "bus": "usb"}]);
    if d.tpm {
        domain["devices"]["tpm"] = json!({"persistent": true});
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logic::vm_draft::{windows_draft, LinuxDistro};

    fn devices(vm: &Value) -> &Value {
        &vm["spec"]["template"]["spec"]["domain"]["devices"]
    }

    #[test]
    fn windows_starts_on_sata_and_e1000e_with_the_guest_tools_cd() {
        let vm = build_vm(&windows_draft(WindowsVersion::Server2022), "tools:1");
        let disks = devices(&vm)["disks"].as_array().unwrap();
        assert_eq!(disks[0]["disk"]["bus"], "sata");
        assert_eq!(disks[1]["cdrom"]["bus"], "sata");
        assert_eq!(disks[2]["name"], GUEST_TOOLS_DISK);
        assert_eq!(disks[2]["cdrom"]["bus"], "sata");
        assert_eq!(devices(&vm)["interfaces"][0]["model"], "e1000e");
        let volumes = vm["spec"]["template"]["spec"]["volumes"]
            .as_array()
            .unwrap();
        assert_eq!(volumes[2]["containerDisk"]["image"], "tools:1");
        assert_eq!(
            vm["metadata"]["annotations"]["vm.kubevirt.io/os"],
            "windows2k22"
        );
    }

    #[test]
    fn windows_11_gets_tpm_secure_boot_and_cores() {
        let mut draft = windows_draft(WindowsVersion::Windows11);
        draft.cpus = 4;
        let vm = build_vm(&draft, DEFAULT_GUEST_TOOLS_IMAGE);
        let domain = &vm["spec"]["template"]["spec"]["domain"];
        assert_eq!(
            domain["firmware"]["bootloader"]["efi"],
            json!({"secureBoot": true, "persistent": true})
        );
        assert_eq!(domain["features"]["smm"]["enabled"], true);
        assert_eq!(domain["devices"]["tpm"]["persistent"], true);
        assert_eq!(
            domain["cpu"],
            json!({"cores": 4, "sockets": 1, "threads": 1})
        );
        assert_eq!(
            vm["spec"]["template"]["spec"]["terminationGracePeriodSeconds"],
            3600
        );
    }

    #[test]
    fn linux_uses_virtio_and_no_guest_tools() {
        let mut draft = VmDraft::new("dev", OsChoice::Linux(LinuxDistro::Fedora));
        draft.name = "fedora".into();
        let vm = build_vm(&draft, DEFAULT_GUEST_TOOLS_IMAGE);
        let disks = devices(&vm)["disks"].as_array().unwrap();
        assert_eq!(disks.len(), 1);
        assert_eq!(disks[0]["disk"]["bus"], "virtio");
        assert_eq!(devices(&vm)["interfaces"][0]["model"], "virtio");
        assert_eq!(
            vm["spec"]["dataVolumeTemplates"][0]["spec"]["source"]["registry"]["url"],
            "docker://quay.io/containerdisks/fedora:latest"
        );
    }
}
