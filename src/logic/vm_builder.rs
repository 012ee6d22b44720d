//! Turns the wizard's draft into the VirtualMachine to send, with the defaults each operating
//! system needs (for Windows: SATA disks and an e1000e NIC until the drivers are in, the guest
//! tools CD-ROM, UEFI, Secure Boot, TPM and Hyper-V enlightenments).

use serde_json::{json, Map, Value};

use super::cluster_options::ClusterOptions;
use super::os::WindowsVersion;
use super::remote_desktop::REMOTE_DESKTOP_ANNOTATION;
use super::sysprep_volume::{licensing, sysprep_object, LICENSING_ANNOTATION, SYSPREP_VOLUME};
use super::vm_draft::{
    BootSource, CdromDraft, CdromSource, DiskDraft, DiskSource, Hardware, NetworkChoice, NicDraft,
    OsChoice, SysprepChoice, VmDraft,
};

/// Name of the guest tools CD-ROM, as the OpenShift console names it.
pub const GUEST_TOOLS_DISK: &str = "windows-drivers-disk";
/// Annotation holding the draft's creation id (see `VmDraft::creation_id`).
pub const CREATION_ID_ANNOTATION: &str = "vm.windows-vms.io/creation-id";
const ROOT_DISK: &str = "rootdisk";
const INSTALL_CDROM: &str = "installcdrom";
/// Room for any Windows install ISO.
const INSTALL_ISO_GIB: u32 = 8;

/// The VirtualMachine for a draft, referring to the cluster's instancetype and preference
/// when there are ones, and spelling out the same settings either way.
pub fn build_vm(draft: &VmDraft, cluster: &ClusterOptions) -> Value {
    let windows = draft.os.windows();
    let storage = |gib: u32| json!({"resources": {"requests": {"storage": format!("{gib}Gi")}}});
    let dv_name = |disk: &str| format!("{}-{disk}", draft.name);

    let mut disks = vec![
        json!({"name": ROOT_DISK, "bootOrder": 1, "disk": {"bus": draft.root_bus.api_value()}}),
    ];
    let mut volumes = vec![json!({"name": ROOT_DISK, "dataVolume": {"name": dv_name(ROOT_DISK)}})];
    let root_source = match &draft.boot {
        BootSource::IsoUrl { .. } | BootSource::IsoPvc { .. } => DiskSource::Blank,
        BootSource::DataSource { namespace, name } => DiskSource::DataSource {
            namespace: namespace.clone(),
            name: name.clone(),
        },
        BootSource::ContainerDisk { .. } => DiskSource::Blank,
    };
    let mut root_spec = data_volume_spec(&root_source, storage(draft.disk_gib));
    if let BootSource::ContainerDisk { image } = &draft.boot {
        let image = image.trim();
        let url = if image.starts_with("docker://") {
            image.to_owned()
        } else {
            format!("docker://{image}")
        };
        root_spec =
            json!({"source": {"registry": {"url": url}}, "storage": storage(draft.disk_gib)});
    }
    let mut data_volumes =
        vec![json!({"metadata": {"name": dv_name(ROOT_DISK)}, "spec": root_spec})];

    let iso_source = match &draft.boot {
        BootSource::IsoUrl { url } => Some(DiskSource::Url { url: url.clone() }),
        BootSource::IsoPvc { namespace, name } => Some(DiskSource::Pvc {
            namespace: namespace.clone(),
            name: name.clone(),
        }),
        _ => None,
    };
    if let Some(source) = iso_source {
        data_volumes.push(json!({"metadata": {"name": dv_name(INSTALL_CDROM)},
            "spec": data_volume_spec(&source, storage(INSTALL_ISO_GIB))}));
        disks.push(json!({"name": INSTALL_CDROM, "bootOrder": 2, "cdrom": {"bus": "sata", "readonly": true}}));
        volumes
            .push(json!({"name": INSTALL_CDROM, "dataVolume": {"name": dv_name(INSTALL_CDROM)}}));
    }
    for disk in &draft.extra_disks {
        let added = added_disk(&draft.name, disk);
        data_volumes.extend(added.template);
        disks.push(added.device);
        volumes.push(added.source);
    }
    // Generating an answer file is the costliest part: once, for the volume and the licence.
    let sysprep = sysprep_object(draft);
    if let Some(sysprep) = &sysprep {
        disks.push(json!({"name": SYSPREP_VOLUME, "cdrom": {"bus": "sata", "readonly": true}}));
        volumes.push(sysprep.volume());
    }
    if draft.guest_tools {
        // Windows CD-ROMs must be SATA: setup has no driver for anything else.
        disks.push(json!({"name": GUEST_TOOLS_DISK, "cdrom": {"bus": "sata", "readonly": true}}));
        volumes.push(json!({"name": GUEST_TOOLS_DISK, "containerDisk": {"image": cluster.guest_tools_image}}));
    }

    let (interfaces, networks): (Vec<Value>, Vec<Value>) = draft.nics.iter().map(added_nic).unzip();

    let mut domain = json!({"devices": {"disks": disks, "interfaces": interfaces}});
    if draft.instancetype.is_none() {
        let cores_per_socket = windows.is_some_and(|v| v.defaults().cpu_as_cores);
        domain["cpu"] = if cores_per_socket {
            json!({"cores": draft.cpus, "sockets": 1, "threads": 1})
        } else {
            json!({"cores": 1, "sockets": draft.cpus, "threads": 1})
        };
        domain["memory"] = json!({"guest": format!("{}Gi", draft.memory_gib)});
    }
    apply_hardware(&mut domain, draft.hardware, windows);

    let mut spec = Map::new();
    spec.insert(
        "runStrategy".into(),
        json!(if draft.start { "Always" } else { "Halted" }),
    );
    if let Some(instancetype) = &draft.instancetype {
        spec.insert(
            "instancetype".into(),
            json!({"kind": "VirtualMachineClusterInstancetype", "name": instancetype.name}),
        );
    }
    let preference = draft.os.preference();
    if cluster.has_preference(preference) {
        spec.insert(
            "preference".into(),
            json!({"kind": "VirtualMachineClusterPreference", "name": preference}),
        );
    }
    spec.insert("dataVolumeTemplates".into(), Value::Array(data_volumes));
    spec.insert(
        "template".into(),
        json!({
            "metadata": {"labels": {"kubevirt.io/domain": draft.name}},
            "spec": {
                "domain": domain,
                "networks": networks,
                // Windows may take long to shut down cleanly (updates); Linux does not.
                "terminationGracePeriodSeconds": if windows.is_some() { 3600 } else { 180 },
                "volumes": volumes,
            },
        }),
    );

    let os_annotation = match draft.os {
        OsChoice::Windows(v) => v.os_annotation(),
        OsChoice::Linux(d) => d.os_id(),
    };
    let mut annotations = json!({
        "vm.kubevirt.io/os": os_annotation,
        CREATION_ID_ANNOTATION: draft.creation_id,
    });
    if windows.is_some() {
        annotations[LICENSING_ANNOTATION] = json!(licensing(sysprep.as_ref()));
    }
    if matches!(&draft.sysprep, SysprepChoice::Generate(s) if s.enable_remote_desktop) {
        annotations[REMOTE_DESKTOP_ANNOTATION] = json!("enabled");
    }
    json!({
        "apiVersion": "kubevirt.io/v1",
        "kind": "VirtualMachine",
        "metadata": {
            "name": draft.name,
            "namespace": draft.namespace,
            "labels": {"app": draft.name},
            "annotations": annotations,
        },
        "spec": spec,
    })
}

/// A device as a VM lists it: the entry in `domain.devices`, the volume or network behind it,
/// and the DataVolume template that fills the volume when there is one.
#[derive(Clone, Debug, PartialEq)]
pub struct AddedDevice {
    pub device: Value,
    pub source: Value,
    pub template: Option<Value>,
}

/// An added disk of VM `vm_name`, as the wizard and the VM page add it: a new DataVolume named
/// `<vm>-<disk>` filled from its source, or an existing PVC attached as it is.
pub fn added_disk(vm_name: &str, disk: &DiskDraft) -> AddedDevice {
    let device = json!({"name": disk.name, "disk": {"bus": disk.bus.api_value()}});
    if let DiskSource::Existing { name } = &disk.source {
        return AddedDevice {
            device,
            source: json!({"name": disk.name, "persistentVolumeClaim": {"claimName": name}}),
            template: None,
        };
    }
    let dv_name = format!("{vm_name}-{}", disk.name);
    let storage = json!({"resources": {"requests": {"storage": format!("{}Gi", disk.size_gib)}}});
    AddedDevice {
        device,
        source: json!({"name": disk.name, "dataVolume": {"name": dv_name}}),
        template: Some(json!({"metadata": {"name": dv_name},
            "spec": data_volume_spec(&disk.source, storage)})),
    }
}

/// An added CD-ROM of VM `vm_name`, always on SATA (Windows reads it without drivers).
pub fn added_cdrom(vm_name: &str, cdrom: &CdromDraft, guest_tools_image: &str) -> AddedDevice {
    let device = json!({"name": cdrom.name, "cdrom": {"bus": "sata", "readonly": true}});
    let copied = |source: DiskSource| {
        let dv_name = format!("{vm_name}-{}", cdrom.name);
        let storage =
            json!({"resources": {"requests": {"storage": format!("{INSTALL_ISO_GIB}Gi")}}});
        AddedDevice {
            device: device.clone(),
            source: json!({"name": cdrom.name, "dataVolume": {"name": dv_name}}),
            template: Some(json!({"metadata": {"name": dv_name},
                "spec": data_volume_spec(&source, storage)})),
        }
    };
    match &cdrom.source {
        CdromSource::GuestTools => AddedDevice {
            source: json!({"name": cdrom.name, "containerDisk": {"image": guest_tools_image}}),
            device,
            template: None,
        },
        CdromSource::Existing { name } => AddedDevice {
            source: json!({"name": cdrom.name, "persistentVolumeClaim": {"claimName": name, "readOnly": true}}),
            device,
            template: None,
        },
        CdromSource::Url { url } => copied(DiskSource::Url { url: url.clone() }),
        CdromSource::Pvc { namespace, name } => copied(DiskSource::Pvc {
            namespace: namespace.clone(),
            name: name.clone(),
        }),
    }
}

/// A NIC as (interface, network): masquerade on the pod network, a bridge on a secondary one.
pub fn added_nic(nic: &NicDraft) -> (Value, Value) {
    match &nic.network {
        NetworkChoice::Pod => (
            json!({"name": nic.name, "masquerade": {}, "model": nic.model.api_value()}),
            json!({"name": nic.name, "pod": {}}),
        ),
        NetworkChoice::Multus { attachment } => (
            json!({"name": nic.name, "bridge": {}, "model": nic.model.api_value()}),
            json!({"name": nic.name, "multus": {"networkName": attachment}}),
        ),
    }
}

/// The DataVolume spec that fills a disk from `source`; an existing PVC needs none (see
/// `added_disk`).
fn data_volume_spec(source: &DiskSource, storage: Value) -> Value {
    match source {
        DiskSource::Blank => json!({"source": {"blank": {}}, "storage": storage}),
        DiskSource::Url { url } => {
            json!({"source": {"http": {"url": url.trim()}}, "storage": storage})
        }
        DiskSource::Pvc { namespace, name } => {
            json!({"source": {"pvc": {"namespace": namespace, "name": name}}, "storage": storage})
        }
        DiskSource::DataSource { namespace, name } => json!({
            "sourceRef": {"kind": "DataSource", "namespace": namespace, "name": name},
            "storage": storage,
        }),
        // Not reached (see `added_disk`); a blank volume is the harmless answer.
        DiskSource::Existing { .. } => json!({"source": {"blank": {}}, "storage": storage}),
    }
}

/// Firmware, TPM, features, clock and input as chosen in Advanced.
fn apply_hardware(domain: &mut Value, hardware: Hardware, windows: Option<WindowsVersion>) {
    domain["firmware"] = if hardware.uefi {
        let persistent = windows.is_some_and(|v| v.defaults().efi_persistent) || hardware.tpm;
        json!({"bootloader": {"efi": {"secureBoot": hardware.secure_boot, "persistent": persistent}}})
    } else {
        json!({"bootloader": {"bios": {}}})
    };
    let mut features = Map::new();
    if windows.is_some() {
        features.insert("acpi".into(), json!({}));
        features.insert("apic".into(), json!({}));
    }
    if hardware.secure_boot {
        // Secure Boot needs System Management Mode.
        features.insert("smm".into(), json!({"enabled": true}));
    }
    if hardware.hyperv {
        features.insert("hyperv".into(), json!({
            "relaxed": {}, "vapic": {}, "vpindex": {}, "spinlocks": {"spinlocks": 8191}, "synic": {},
            "synictimer": {"direct": {}}, "tlbflush": {}, "frequencies": {}, "reenlightenment": {},
            "ipi": {}, "runtime": {}, "reset": {}
        }));
        domain["clock"] = json!({
            "utc": {},
            "timer": {"hpet": {"present": false}, "pit": {"tickPolicy": "delay"}, "rtc": {"tickPolicy": "catchup"}, "hyperv": {}}
        });
    }
    if !features.is_empty() {
        domain["features"] = Value::Object(features);
    }
    if windows.is_some() {
        // A USB tablet keeps the mouse in step in the VNC console.
        domain["devices"]["inputs"] = json!([{"name": "tablet", "type": "tablet", "bus": "usb"}]);
    }
    if hardware.tpm {
        domain["devices"]["tpm"] = json!({"persistent": true});
    }
}

#[cfg(test)]
mod tests;
