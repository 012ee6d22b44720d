//! What takes several requests, each in one place: a VM read with its running instance, a
//! guarded patch to a VM followed by a restart (now, or scheduled in the cluster), optionally
//! after a snapshot, the scheduled restart itself (`schedule`), and snapshots and restores
//! (`snapshots`). Pages call these, never the requests one by one, so
//! every page fails the same way.

pub mod bulk;
pub mod schedule;
pub mod snapshots;

use serde_json::Value;

use super::typed::Api;
use super::{ApiClient, ApiError};
use crate::logic::restart_schedule::RestartRequest;
use crate::model::{ObjectRef, VirtualMachine, VirtualMachineInstance, VmObject};
use schedule::ScheduleError;

/// Reads the VM `target` with every field kept (to build a guarded patch from), and its
/// running instance, if any: a stopped VM has none, and that is no error.
pub async fn read_vm_and_instance(
    client: &ApiClient,
    target: &ObjectRef,
) -> Result<(VmObject, Option<VirtualMachineInstance>), ApiError> {
    let vm = Api::<VmObject>::of(client, target)
        .get(&target.name)
        .await?;
    let instance = Api::<VirtualMachineInstance>::of(client, target)
        .find(&target.name)
        .await?;
    Ok((vm, instance))
}

/// What follows a saved patch.
#[derive(Clone, Debug, PartialEq)]
pub enum FollowUp {
    /// Nothing: the change applies at the VM's next restart.
    Nothing,
    /// Restart the VM now.
    Restart,
    /// Schedule the restart of `vm` (as read) in the cluster; the request's `created_by` and
    /// `tell_in_events` are filled in here.
    Schedule {
        vm: Box<VirtualMachine>,
        request: RestartRequest,
    },
}

/// Which step of a patch and its follow-up failed. After `NotSaved` the VM is as it was;
/// after the others the patch is stored and applies at the next restart.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PatchError {
    /// The snapshot to take first failed: nothing was changed.
    #[error("no snapshot, so not saved: {0}")]
    SnapshotFailed(snapshots::SnapshotError),
    #[error("not saved: {0}")]
    NotSaved(ApiError),
    #[error("saved, but the restart failed: {0}")]
    RestartFailed(ApiError),
    /// The schedule's own objects were removed again when they could be (see `schedule`).
    #[error("saved, but the restart could not be scheduled: {0}")]
    ScheduleFailed(ScheduleError),
}

impl PatchError {
    /// Whether the patch was stored.
    pub fn saved(&self) -> bool {
        !matches!(self, Self::NotSaved(_) | Self::SnapshotFailed(_))
    }
}

/// Applies the guarded JSON patch `ops` to the VM `target` (built from the VM as read: its
/// `test` operations refuse it if the VM changed since) and then `follow_up`. `on_saved` is
/// called once the patch is stored, before the follow-up starts.
pub async fn patch_then(
    client: &ApiClient,
    target: &ObjectRef,
    ops: &Value,
    follow_up: FollowUp,
    on_saved: impl FnOnce(),
) -> Result<(), PatchError> {
    let vms = Api::<VirtualMachine>::of(client, target);
    vms.json_patch(&target.name, ops)
        .await
        .map_err(PatchError::NotSaved)?;
    on_saved();
    match follow_up {
        FollowUp::Nothing => Ok(()),
        FollowUp::Restart => vms
            .restart(&target.name)
            .await
            .map_err(PatchError::RestartFailed),
        FollowUp::Schedule { vm, mut request } => {
            request.created_by = schedule::who_am_i(client).await;
            let namespace = vm.metadata.namespace.as_deref().unwrap_or_default();
            request.tell_in_events = crate::api::access::may_create_events(client, namespace)
                .await
                .unwrap_or(false);
            schedule::schedule_restart(client, &vm, &request)
                .await
                .map_err(PatchError::ScheduleFailed)
        }
    }
}

/// As `patch_then`, after taking the snapshot `snapshot` of the VM and waiting until it is
/// ready (`on_snapshot_ready` then); a snapshot that fails leaves the VM as it was.
pub async fn snapshot_then(
    client: &ApiClient,
    target: &ObjectRef,
    snapshot: Option<String>,
    ops: &Value,
    follow_up: FollowUp,
    on_snapshot_ready: impl FnOnce(),
    on_saved: impl FnOnce(),
) -> Result<(), PatchError> {
    if let Some(name) = snapshot {
        snapshots::take_snapshot(client, target, &name)
            .await
            .map_err(PatchError::SnapshotFailed)?;
    }
    on_snapshot_ready();
    patch_then(client, target, ops, follow_up, on_saved).await
}

/// Applies the guarded patch `ops` to the VM `target` and restarts it at once.
pub async fn patch_then_restart(
    client: &ApiClient,
    target: &ObjectRef,
    ops: &Value,
) -> Result<(), PatchError> {
    patch_then(client, target, ops, FollowUp::Restart, || {}).await
}
