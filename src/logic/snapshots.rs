//! Snapshots taken before an interface switch, and restores from them: the objects the app
//! sends (KubeVirt's `snapshot.kubevirt.io/v1beta1`), the record a switch leaves of its
//! snapshot, and how a snapshot or restore reads back (state, size, age).

use chrono::{DateTime, Utc};
use serde_json::{json, Value};

use super::cluster_options::quantity_mib;
use super::interface_switch::PREVIOUS_INTERFACES_ANNOTATION;
use super::restart_schedule::{MANAGED_BY, MANAGED_BY_LABEL, VM_LABEL};
use crate::model::{VirtualMachineRestore, VirtualMachineSnapshot, VirtualMachineSnapshotContent};

/// The annotation naming the snapshot taken before the VM's last interface switch.
pub const SWITCH_SNAPSHOT_ANNOTATION: &str = "vm.windows-vms.io/switch-snapshot";

/// A name for something made from `vm` at `now` (`<vm>-<what>-YYYYMMDD-HHMMSS`), within the
/// 63 characters KubeVirt allows for names it derives from it.
pub fn timed_name(vm: &str, what: &str, now: DateTime<Utc>) -> String {
    let suffix = format!("-{what}-{}", now.format("%Y%m%d-%H%M%S"));
    let room = 63usize.saturating_sub(suffix.len());
    let prefix: String = vm.chars().take(room).collect();
    format!("{}{suffix}", prefix.trim_end_matches('-'))
}

/// The snapshot of `vm` to take before a switch.
pub fn snapshot_object(namespace: &str, vm: &str, name: &str) -> Value {
    json!({
        "apiVersion": "snapshot.kubevirt.io/v1beta1",
        "kind": "VirtualMachineSnapshot",
        "metadata": {"name": name, "namespace": namespace,
            "labels": {MANAGED_BY_LABEL: MANAGED_BY, VM_LABEL: vm}},
        "spec": {"source": {"apiGroup": "kubevirt.io", "kind": "VirtualMachine", "name": vm}}
    })
}

/// The restore of `vm` from its snapshot `snapshot`.
pub fn restore_object(namespace: &str, vm: &str, snapshot: &str, name: &str) -> Value {
    json!({
        "apiVersion": "snapshot.kubevirt.io/v1beta1",
        "kind": "VirtualMachineRestore",
        "metadata": {"name": name, "namespace": namespace,
            "labels": {MANAGED_BY_LABEL: MANAGED_BY, VM_LABEL: vm}},
        "spec": {
            "target": {"apiGroup": "kubevirt.io", "kind": "VirtualMachine", "name": vm},
            "virtualMachineSnapshotName": snapshot
        }
    })
}

/// The JSON patch operation that records the snapshot taken before a switch; it follows the
/// switch's own operations, which make sure the VM has annotations.
pub fn record_snapshot_op(name: &str) -> Value {
    let key = SWITCH_SNAPSHOT_ANNOTATION
        .replace('~', "~0")
        .replace('/', "~1");
    json!({"op": "add", "path": format!("/metadata/annotations/{key}"), "value": name})
}

/// The snapshot recorded by the VM's last switch.
pub fn switch_snapshot(vm: &Value) -> Option<String> {
    vm["metadata"]["annotations"][SWITCH_SNAPSHOT_ANNOTATION]
        .as_str()
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
}

/// The merge patch that forgets the last switch once its snapshot is restored: the VM runs
/// its old interfaces again, and there is nothing left to revert.
pub fn forget_switch_patch() -> Value {
    json!({"metadata": {"annotations": {
        PREVIOUS_INTERFACES_ANNOTATION: null,
        SWITCH_SNAPSHOT_ANNOTATION: null
    }}})
}

/// Where a snapshot stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotState {
    InProgress,
    Ready,
    Failed(String),
}

impl SnapshotState {
    /// Only `phase: Failed` is final: KubeVirt retries what `status.error` reports meanwhile.
    pub fn of(snapshot: &VirtualMachineSnapshot) -> Self {
        let status = &snapshot.status;
        if status.ready_to_use == Some(true) {
            return Self::Ready;
        }
        if status.phase.as_deref() == Some("Failed") {
            let message = status.error.as_ref().and_then(|e| e.message.clone());
            return Self::Failed(message.unwrap_or_else(|| "the snapshot failed".to_owned()));
        }
        Self::InProgress
    }

    pub fn label(&self) -> String {
        match self {
            Self::InProgress => "Being taken".to_owned(),
            Self::Ready => "Ready".to_owned(),
            Self::Failed(message) => format!("Failed: {message}"),
        }
    }
}

/// A snapshot as the VM page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotRow {
    pub name: String,
    pub taken: Option<DateTime<Utc>>,
    pub state: SnapshotState,
    /// The disks' size in MiB, once its content says.
    pub size_mib: Option<u64>,
}

fn time(text: Option<&str>) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text?)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The snapshots of the VM `vm` among `snapshots`, newest first, sized from `contents`.
pub fn snapshot_rows(
    vm: &str,
    snapshots: &[VirtualMachineSnapshot],
    contents: &[VirtualMachineSnapshotContent],
) -> Vec<SnapshotRow> {
    let mut rows: Vec<SnapshotRow> = snapshots
        .iter()
        .filter(|s| s.spec.source.kind == "VirtualMachine" && s.spec.source.name == vm)
        .map(|s| {
            let content = s.status.virtual_machine_snapshot_content_name.as_deref();
            SnapshotRow {
                name: s.metadata.name.clone(),
                taken: time(s.status.creation_time.as_deref()).or(s.metadata.creation_timestamp),
                state: SnapshotState::of(s),
                size_mib: contents
                    .iter()
                    .find(|c| Some(c.metadata.name.as_str()) == content)
                    .and_then(content_size_mib),
            }
        })
        .collect();
    rows.sort_by(|a, b| b.taken.cmp(&a.taken).then_with(|| a.name.cmp(&b.name)));
    rows
}

/// The size of the disks a snapshot holds: the sum of their claims' requested storage.
pub fn content_size_mib(content: &VirtualMachineSnapshotContent) -> Option<u64> {
    let sizes: Option<Vec<u64>> = content
        .spec
        .volume_backups
        .iter()
        .map(|backup| {
            backup.persistent_volume_claim["spec"]["resources"]["requests"]["storage"]
                .as_str()
                .and_then(quantity_mib)
        })
        .collect();
    sizes.filter(|s| !s.is_empty()).map(|s| s.iter().sum())
}

/// A size in MiB as people read it: "64 GiB", "512 MiB".
pub fn size_label(mib: u64) -> String {
    if mib >= 1024 && mib.is_multiple_of(1024) {
        format!("{} GiB", mib / 1024)
    } else if mib >= 1024 {
        format!("{:.1} GiB", mib as f64 / 1024.0)
    } else {
        format!("{mib} MiB")
    }
}

/// Where a restore stands. KubeVirt keeps retrying what holds one up (a condition says what),
/// so only complete is final; the caller's patience decides when to give up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RestoreState {
    InProgress,
    Complete,
}

impl RestoreState {
    pub fn of(restore: &VirtualMachineRestore) -> Self {
        if restore.status.complete == Some(true) {
            Self::Complete
        } else {
            Self::InProgress
        }
    }
}

#[cfg(test)]
mod tests;
