//! KubeVirt's snapshot kinds as far as the app reads them (`snapshot.kubevirt.io/v1beta1`):
//! a VM's snapshots, the content that says how big one is, and the restores made from them.

use serde::Deserialize;

use super::resource::resource;
use super::{Condition, ObjectMeta};

/// A VirtualMachineSnapshot.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct VirtualMachineSnapshot {
    pub metadata: ObjectMeta,
    pub spec: SnapshotSpec,
    pub status: SnapshotStatus,
}

resource!(
    VirtualMachineSnapshot,
    "snapshot.kubevirt.io",
    "v1beta1",
    "virtualmachinesnapshots",
    "VirtualMachineSnapshot",
    true
);

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SnapshotSpec {
    pub source: LocalReference,
}

/// What a snapshot is of, or a restore is to.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LocalReference {
    pub api_group: Option<String>,
    pub kind: String,
    pub name: String,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SnapshotStatus {
    pub phase: Option<String>,
    pub ready_to_use: Option<bool>,
    pub creation_time: Option<String>,
    pub error: Option<SnapshotError>,
    pub virtual_machine_snapshot_content_name: Option<String>,
    pub conditions: Vec<Condition>,
    pub indications: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct SnapshotError {
    pub message: Option<String>,
}

/// A VirtualMachineSnapshotContent: the disks a snapshot holds, with their claims' sizes.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct VirtualMachineSnapshotContent {
    pub metadata: ObjectMeta,
    pub spec: SnapshotContentSpec,
}

resource!(
    VirtualMachineSnapshotContent,
    "snapshot.kubevirt.io",
    "v1beta1",
    "virtualmachinesnapshotcontents",
    "VirtualMachineSnapshotContent",
    true
);

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct SnapshotContentSpec {
    pub virtual_machine_snapshot_name: Option<String>,
    pub volume_backups: Vec<VolumeBackup>,
}

/// One disk in a snapshot; its claim's requested storage is the disk's size.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct VolumeBackup {
    pub volume_name: String,
    pub persistent_volume_claim: serde_json::Value,
}

/// A VirtualMachineRestore.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct VirtualMachineRestore {
    pub metadata: ObjectMeta,
    pub status: RestoreStatus,
}

resource!(
    VirtualMachineRestore,
    "snapshot.kubevirt.io",
    "v1beta1",
    "virtualmachinerestores",
    "VirtualMachineRestore",
    true
);

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RestoreStatus {
    pub complete: Option<bool>,
    pub restore_time: Option<String>,
    pub conditions: Vec<Condition>,
}

/// A core Event, as far as the app reads the ones a scheduled restart leaves on its VM.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Event {
    pub metadata: ObjectMeta,
    pub reason: String,
    pub message: String,
    #[serde(rename = "type")]
    pub type_: String,
    pub first_timestamp: Option<String>,
    pub last_timestamp: Option<String>,
    pub event_time: Option<String>,
}

resource!(Event, "", "v1", "events", "Event", true);
