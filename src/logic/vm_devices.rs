//! What a VM's disks, CD-ROMs and network interfaces are, in the words the details page uses:
//! each device with its interface and where its data or network comes from.

use super::vm_builder::GUEST_TOOLS_DISK;
use crate::model::vm::{Disk, Volume};
use crate::model::VirtualMachine;

/// The kind of a disk device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiskKind {
    Disk,
    CdRom,
    Lun,
}

impl DiskKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Disk => "Disk",
            Self::CdRom => "CD-ROM",
            Self::Lun => "LUN",
        }
    }
}

/// One disk, CD-ROM or LUN as shown to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskInfo {
    pub name: String,
    pub kind: DiskKind,
    /// The bus as the VM runs it: an unset bus is SATA on amd64.
    pub interface: String,
    /// Where the data comes from ("Container image quay.io/…", "DataVolume win-rootdisk").
    pub source: String,
    /// Whether this CD-ROM carries the Windows guest tools (virtio-win drivers and agent).
    pub guest_tools: bool,
    pub boot_order: Option<u32>,
}

/// One network interface as shown to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NicInfo {
    pub name: String,
    /// The emulated model; unset means virtio.
    pub model: String,
    pub network: String,
}

/// Every disk device of the VM, in the order the VM lists them.
pub fn disks(vm: &VirtualMachine) -> Vec<DiskInfo> {
    let spec = &vm.spec.template.spec;
    spec.domain
        .devices
        .disks
        .iter()
        .map(|disk| {
            let volume = spec.volumes.iter().find(|v| v.name == disk.name);
            let (kind, target) = match (&disk.disk, &disk.cdrom, &disk.lun) {
                (_, Some(t), _) => (DiskKind::CdRom, Some(t)),
                (_, _, Some(t)) => (DiskKind::Lun, Some(t)),
                (t, _, _) => (DiskKind::Disk, t.as_ref()),
            };
            DiskInfo {
                name: disk.name.clone(),
                kind,
                interface: target.cloned().unwrap_or_default().effective_bus().label(),
                source: volume
                    .map(source_label)
                    .unwrap_or_else(|| "No volume".to_owned()),
                guest_tools: kind == DiskKind::CdRom && is_guest_tools(disk, volume),
                boot_order: disk.boot_order,
            }
        })
        .collect()
}

/// Only the CD-ROMs, the guest tools first.
pub fn cdroms(vm: &VirtualMachine) -> Vec<DiskInfo> {
    let mut cdroms: Vec<DiskInfo> = disks(vm)
        .into_iter()
        .filter(|d| d.kind == DiskKind::CdRom)
        .collect();
    cdroms.sort_by_key(|d| !d.guest_tools);
    cdroms
}

/// Every network interface with the network behind it.
pub fn nics(vm: &VirtualMachine) -> Vec<NicInfo> {
    let spec = &vm.spec.template.spec;
    spec.domain
        .devices
        .interfaces
        .iter()
        .map(|nic| {
            let network = spec.networks.iter().find(|n| n.name == nic.name);
            NicInfo {
                name: nic.name.clone(),
                model: nic.effective_model().label(),
                network: match network {
                    Some(n) if n.pod.is_some() => "Pod network".to_owned(),
                    Some(n) => n
                        .multus
                        .as_ref()
                        .map(|m| m.network_name.clone())
                        .unwrap_or_else(|| n.name.clone()),
                    None => "No network".to_owned(),
                },
            }
        })
        .collect()
}

fn source_label(volume: &Volume) -> String {
    if let Some(c) = &volume.container_disk {
        format!("Container image {}", c.image)
    } else if let Some(dv) = &volume.data_volume {
        format!("DataVolume {}", dv.name)
    } else if let Some(pvc) = &volume.persistent_volume_claim {
        format!("PersistentVolumeClaim {}", pvc.claim_name)
    } else if let Some(sysprep) = &volume.sysprep {
        let named = |kind: &str, key: &str| {
            sysprep[key]["name"]
                .as_str()
                .map(|name| format!("Sysprep answer file, {kind} {name}"))
        };
        named("Secret", "secret")
            .or_else(|| named("ConfigMap", "configMap"))
            .unwrap_or_else(|| "Sysprep answer file".to_owned())
    } else if volume.cloud_init_no_cloud.is_some() {
        "cloud-init".to_owned()
    } else {
        "Other source".to_owned()
    }
}

/// The guest tools CD-ROM, by the name the console gives it or by its virtio-win image.
fn is_guest_tools(disk: &Disk, volume: Option<&Volume>) -> bool {
    disk.name == GUEST_TOOLS_DISK
        || volume
            .and_then(|v| v.container_disk.as_ref())
            .is_some_and(|c| {
                c.image.contains("virtio-container-disk") || c.image.contains("virtio-win")
            })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DiskBus, NicModel, Reported};
    use serde_json::json;

    /// A bus as every page names it (the wizard's dialogs too).
    fn bus_label(bus: &str) -> String {
        Reported::<DiskBus>::parse(bus).label()
    }

    fn nic_model_label(model: &str) -> String {
        Reported::<NicModel>::parse(model).label()
    }

    fn vm() -> VirtualMachine {
        serde_json::from_value(json!({"spec": {"template": {"spec": {
            "domain": {"devices": {
                "disks": [
                    {"name": "rootdisk", "bootOrder": 1, "disk": {"bus": "sata"}},
                    {"name": "installcdrom", "cdrom": {"bus": "sata"}},
                    {"name": "drivers", "cdrom": {}},
                    {"name": "data", "disk": {}}
                ],
                "interfaces": [{"name": "default", "model": "e1000e"}, {"name": "storage"}]
            }},
            "volumes": [
                {"name": "rootdisk", "dataVolume": {"name": "win-rootdisk"}},
                {"name": "installcdrom", "persistentVolumeClaim": {"claimName": "win11-iso"}},
                {"name": "drivers", "containerDisk": {"image": "registry.redhat.io/container-native-virtualization/virtio-win-rhel9:v4.19"}},
                {"name": "data", "dataVolume": {"name": "win-data"}}
            ],
            "networks": [{"name": "default", "pod": {}}, {"name": "storage", "multus": {"networkName": "storage-net"}}]
        }}}}))
        .unwrap()
    }

    #[test]
    fn disks_show_their_interface_and_source() {
        let disks = disks(&vm());
        assert_eq!(disks[0].interface, "SATA");
        assert_eq!(disks[0].source, "DataVolume win-rootdisk");
        assert_eq!(disks[0].boot_order, Some(1));
        assert_eq!(disks[1].source, "PersistentVolumeClaim win11-iso");
        assert_eq!(disks[3].interface, "SATA", "an unset bus is SATA on amd64");
    }

    #[test]
    fn the_guest_tools_cdrom_is_found_by_its_image_and_listed_first() {
        let cdroms = cdroms(&vm());
        let names: Vec<(&str, bool)> = cdroms
            .iter()
            .map(|c| (c.name.as_str(), c.guest_tools))
            .collect();
        assert_eq!(names, [("drivers", true), ("installcdrom", false)]);
        assert_eq!(cdroms[0].kind.label(), "CD-ROM");
    }

    #[test]
    fn nics_show_their_model_and_network() {
        let nics = nics(&vm());
        assert_eq!(
            (nics[0].model.as_str(), nics[0].network.as_str()),
            ("e1000e", "Pod network")
        );
        assert_eq!(
            (nics[1].model.as_str(), nics[1].network.as_str()),
            ("VirtIO", "storage-net")
        );
    }

    #[test]
    fn buses_and_models_read_as_the_dialogs_name_them() {
        assert_eq!(bus_label("scsi"), DiskBus::Scsi.label());
        assert_eq!(bus_label("scsi"), "VirtIO-SCSI");
        assert_eq!(bus_label("sata"), "SATA");
        assert_eq!(bus_label("usb"), "USB");
        assert_eq!(bus_label("ide"), "ide");
        assert_eq!(nic_model_label("virtio"), NicModel::Virtio.label());
        assert_eq!(nic_model_label("e1000e"), "e1000e");
        assert_eq!(nic_model_label("pcnet"), "pcnet");
    }
}
