//! `kubevirt.io/v1 VirtualMachine`: the fields the app reads.

use serde::Deserialize;

use super::resource::resource;
use super::{Condition, DiskBus, NicModel, ObjectMeta, PrintableStatus, Reported, Resource};

/// A KubeVirt VirtualMachine.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct VirtualMachine {
    pub metadata: ObjectMeta,
    pub spec: VmSpec,
    pub status: VmStatus,
}

/// `spec` of a VirtualMachine.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VmSpec {
    pub run_strategy: Option<String>,
    pub running: Option<bool>,
    pub instancetype: Option<Matcher>,
    pub preference: Option<Matcher>,
    pub template: VmTemplate,
}

/// `spec.instancetype` / `spec.preference`: a reference by kind and name.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Matcher {
    pub name: String,
    pub kind: Option<String>,
}

/// `spec.template`: the VMI the VM starts.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct VmTemplate {
    pub metadata: ObjectMeta,
    pub spec: VmiSpec,
}

/// The VMI spec inside a VM template: devices, and the volumes and networks behind them.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct VmiSpec {
    pub domain: Domain,
    pub volumes: Vec<Volume>,
    pub networks: Vec<Network>,
}

/// A volume: where a disk's data comes from (exactly one source is set).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Volume {
    pub name: String,
    pub container_disk: Option<ContainerDiskSource>,
    pub data_volume: Option<NamedSource>,
    pub persistent_volume_claim: Option<ClaimSource>,
    pub cloud_init_no_cloud: Option<serde_json::Value>,
    pub sysprep: Option<serde_json::Value>,
}

/// `containerDisk`: an image from a registry.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct ContainerDiskSource {
    pub image: String,
}

/// A source named by `name` (a DataVolume).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct NamedSource {
    pub name: String,
}

/// `persistentVolumeClaim`: an existing claim.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ClaimSource {
    pub claim_name: String,
}

/// A network a NIC connects to: the pod network or a Multus network.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Network {
    pub name: String,
    pub pod: Option<serde_json::Value>,
    pub multus: Option<MultusNetwork>,
}

/// `multus`: a NetworkAttachmentDefinition by name.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MultusNetwork {
    pub network_name: String,
}

/// `domain`: the virtual hardware.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Domain {
    pub devices: Devices,
}

/// `domain.devices`: disks and network interfaces.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Devices {
    pub disks: Vec<Disk>,
    pub interfaces: Vec<Interface>,
}

/// One disk, CD-ROM or LUN; exactly one of the targets is set.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Disk {
    pub name: String,
    pub boot_order: Option<u32>,
    pub disk: Option<BusTarget>,
    pub cdrom: Option<BusTarget>,
    pub lun: Option<BusTarget>,
}

/// The bus of a disk, CD-ROM or LUN (`virtio`, `sata`, `scsi`, `usb`); unset means SATA on
/// amd64.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct BusTarget {
    pub bus: Option<Reported<DiskBus>>,
}

impl BusTarget {
    /// The bus the VM runs: an unset bus is SATA on amd64.
    pub fn effective_bus(&self) -> Reported<DiskBus> {
        self.bus.clone().unwrap_or(Reported::Known(DiskBus::Sata))
    }
}

/// One network interface; an unset model means virtio.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Interface {
    pub name: String,
    pub model: Option<Reported<NicModel>>,
}

impl Interface {
    /// The model the VM runs: an unset model is virtio.
    pub fn effective_model(&self) -> Reported<NicModel> {
        self.model
            .clone()
            .unwrap_or(Reported::Known(NicModel::Virtio))
    }
}

/// `status` of a VirtualMachine, as KubeVirt's controller writes it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VmStatus {
    pub printable_status: Option<PrintableStatus>,
    pub ready: bool,
    pub created: bool,
    pub conditions: Vec<Condition>,
}

resource!(
    VirtualMachine,
    "kubevirt.io",
    "v1",
    "virtualmachines",
    "VirtualMachine",
    true
);

impl VirtualMachine {
    /// The status KubeVirt shows; `Unknown` until its controller writes one.
    pub fn printable_status(&self) -> PrintableStatus {
        self.status.printable_status.clone().unwrap_or_default()
    }

    /// The VM's name.
    pub fn name(&self) -> &str {
        &self.metadata.name
    }

    /// The VM's namespace (empty when the object carries none).
    pub fn namespace(&self) -> &str {
        self.metadata.namespace.as_deref().unwrap_or_default()
    }

    /// The condition of the given type, if the VM has it.
    pub fn condition(&self, type_: &str) -> Option<&Condition> {
        self.status.conditions.iter().find(|c| c.type_ == type_)
    }
}

/// A VM as the server sent it, every field kept, beside the typed fields the app reads: for
/// showing its YAML.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VmObject {
    pub vm: VirtualMachine,
    pub raw: serde_json::Value,
}

impl Resource for VmObject {
    const TYPE: super::ResourceType = VirtualMachine::TYPE;

    fn meta(&self) -> &ObjectMeta {
        &self.vm.metadata
    }
}

impl<'de> Deserialize<'de> for VmObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = serde_json::Value::deserialize(deserializer)?;
        let vm = serde_json::from_value(raw.clone()).map_err(serde::de::Error::custom)?;
        Ok(Self { vm, raw })
    }
}
