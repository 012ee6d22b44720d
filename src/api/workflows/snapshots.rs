//! Snapshots as the switch and the VM page use them: whether the cluster serves them, taking
//! one exactly once and waiting until it is ready, and restoring a VM from one (stop, restore,
//! forget the switch, start), each step reported as it starts.

use super::super::client::sleep_ms;
use crate::api::typed::{Api, PostParams};
use crate::api::{ApiClient, ApiError};
use crate::logic::snapshots::{
    forget_switch_patch, restore_object, snapshot_object, RestoreState, SnapshotState,
};
use crate::model::{
    ObjectRef, VirtualMachine, VirtualMachineInstance, VirtualMachineRestore,
    VirtualMachineSnapshot,
};

/// How often a snapshot, restore or stopping VM is looked at again.
const POLL_MS: i32 = 1000;
/// How long a snapshot may take to become ready, or a VM to stop, or a restore to complete.
const PATIENCE_SECONDS: u32 = 15 * 60;

/// Why a snapshot or restore did not get through.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SnapshotError {
    #[error("{0}")]
    Api(ApiError),
    /// KubeVirt said it failed, and why.
    #[error("{0}")]
    Failed(String),
    /// It was still not done after `PATIENCE_SECONDS`.
    #[error("not done after {0} minutes")]
    TimedOut(u32),
}

impl SnapshotError {
    pub fn user_message(&self) -> String {
        match self {
            Self::Api(error) => error.user_message(),
            Self::Failed(reason) => format!("KubeVirt says: {reason}."),
            Self::TimedOut(minutes) => format!(
                "It was still not done after {minutes} minutes. It may still finish: look at it on the VM's page."
            ),
        }
    }
}

impl From<ApiError> for SnapshotError {
    fn from(error: ApiError) -> Self {
        Self::Api(error)
    }
}

/// Whether the cluster serves KubeVirt's snapshots (`snapshot.kubevirt.io/v1beta1`).
pub async fn snapshots_served(client: &ApiClient) -> Result<bool, ApiError> {
    match client
        .get::<serde_json::Value>("/apis/snapshot.kubevirt.io/v1beta1")
        .await
    {
        Ok(_) => Ok(true),
        Err(error) if error.is_not_found() => Ok(false),
        Err(error) => Err(error),
    }
}

/// Polls `check` until it says done (`Some`), for at most `PATIENCE_SECONDS`; a transient
/// failure of one look is looked past.
async fn poll<T>(
    mut check: impl AsyncFnMut() -> Result<Option<T>, SnapshotError>,
) -> Result<T, SnapshotError> {
    let mut waited_ms = 0;
    loop {
        match check().await {
            Ok(Some(done)) => return Ok(done),
            Ok(None) => {}
            // A lost answer or a busy server says nothing of the snapshot: look again.
            Err(SnapshotError::Api(error)) if error.is_transient() => {}
            Err(error) => return Err(error),
        }
        if waited_ms >= i64::from(PATIENCE_SECONDS) * 1000 {
            return Err(SnapshotError::TimedOut(PATIENCE_SECONDS / 60));
        }
        sleep_ms(POLL_MS).await;
        waited_ms += i64::from(POLL_MS);
    }
}

/// Takes the snapshot `name` of the VM `vm` and waits until it is ready. A create whose answer
/// was lost, or that finds the name taken by a snapshot of this VM, uses the one there: it is
/// never taken twice.
pub async fn take_snapshot(
    client: &ApiClient,
    vm: &ObjectRef,
    name: &str,
) -> Result<(), SnapshotError> {
    let snapshots = Api::<VirtualMachineSnapshot>::namespaced(client, &vm.namespace);
    let body = snapshot_object(&vm.namespace, &vm.name, name);
    if let Err(error) = snapshots.create(&body, PostParams::default()).await {
        if !(error.code() == Some(409) || error.is_transient()) {
            return Err(error.into());
        }
        let there = snapshots.find(name).await?;
        if there.is_none_or(|s| s.spec.source.name != vm.name) {
            return Err(error.into());
        }
    }
    poll(async || {
        let snapshot = snapshots.get(name).await?;
        match SnapshotState::of(&snapshot) {
            SnapshotState::Ready => Ok(Some(())),
            SnapshotState::Failed(reason) => Err(SnapshotError::Failed(reason)),
            SnapshotState::InProgress => Ok(None),
        }
    })
    .await
}

/// Deletes the snapshot `snapshot`; its content goes with it.
pub async fn delete_snapshot(client: &ApiClient, snapshot: &ObjectRef) -> Result<(), ApiError> {
    Api::<VirtualMachineSnapshot>::of(client, snapshot)
        .delete(&snapshot.name)
        .await
}

/// A step of a restore, reported as it starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RestoreStep {
    Stopping,
    Restoring,
    Starting,
}

impl RestoreStep {
    pub fn label(self) -> &'static str {
        match self {
            Self::Stopping => "Stopping the virtual machine…",
            Self::Restoring => "Restoring the snapshot…",
            Self::Starting => "Starting the virtual machine…",
        }
    }
}

/// Why a restore stopped, and at which step.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{step:?}: {error}")]
pub struct RestoreError {
    pub step: RestoreStep,
    pub error: SnapshotError,
}

impl RestoreError {
    pub fn user_message(&self) -> String {
        let what = match self.step {
            RestoreStep::Stopping => "The virtual machine could not be stopped, so nothing was restored.",
            RestoreStep::Restoring => "The snapshot could not be restored.",
            RestoreStep::Starting => {
                "The snapshot is restored, but the virtual machine could not be started: start it from the Actions menu."
            }
        };
        format!("{what} {}", self.error.user_message())
    }
}

/// Restores the VM `vm` from its snapshot `snapshot`, named `restore` for this attempt: stops
/// the VM and waits until its instance is gone (KubeVirt restores only a stopped VM), restores
/// and waits until complete, forgets the switch the snapshot undoes, and starts the VM again.
pub async fn restore_snapshot(
    client: &ApiClient,
    vm: &ObjectRef,
    snapshot: &str,
    restore: &str,
    on_step: impl Fn(RestoreStep),
) -> Result<(), RestoreError> {
    let at = |step: RestoreStep| move |error: SnapshotError| RestoreError { step, error };
    // Only a ready snapshot of this VM is worth stopping it for.
    let usable = Api::<VirtualMachineSnapshot>::of(client, vm)
        .find(snapshot)
        .await
        .map_err(|e| at(RestoreStep::Stopping)(e.into()))?
        .filter(|s| s.spec.source.name == vm.name)
        .is_some_and(|s| SnapshotState::of(&s) == SnapshotState::Ready);
    if !usable {
        return Err(at(RestoreStep::Stopping)(SnapshotError::Failed(format!(
            "the snapshot {snapshot} of this VM is not there, or not ready, so the VM was left running"
        ))));
    }
    let vms = Api::<VirtualMachine>::of(client, vm);
    let instances = Api::<VirtualMachineInstance>::of(client, vm);
    on_step(RestoreStep::Stopping);
    if instances
        .find(&vm.name)
        .await
        .map_err(|e| at(RestoreStep::Stopping)(e.into()))?
        .is_some()
    {
        match vms.stop(&vm.name).await {
            // Stopping already, or stopped meanwhile: wait for the instance to go either way.
            Err(error) if error.code() != Some(409) => {
                return Err(at(RestoreStep::Stopping)(error.into()))
            }
            _ => {}
        }
        poll(async || Ok(instances.find(&vm.name).await?.is_none().then_some(())))
            .await
            .map_err(at(RestoreStep::Stopping))?;
    }
    on_step(RestoreStep::Restoring);
    let restores = Api::<VirtualMachineRestore>::of(client, vm);
    let body = restore_object(&vm.namespace, &vm.name, snapshot, restore);
    if let Err(error) = restores.create(&body, PostParams::default()).await {
        // A lost answer may hide a restore that was made: look before failing.
        let made = (error.code() == Some(409) || error.is_transient())
            && restores.find(restore).await.ok().flatten().is_some();
        if !made {
            return Err(at(RestoreStep::Restoring)(error.into()));
        }
    }
    poll(
        async || match RestoreState::of(&restores.get(restore).await?) {
            RestoreState::Complete => Ok(Some(())),
            // KubeVirt retries what held it up (a condition says what) until it completes.
            RestoreState::InProgress => Ok(None),
        },
    )
    .await
    .map_err(at(RestoreStep::Restoring))?;
    vms.merge_patch(&vm.name, &forget_switch_patch())
        .await
        .map_err(|e| at(RestoreStep::Restoring)(e.into()))?;
    on_step(RestoreStep::Starting);
    vms.start(&vm.name)
        .await
        .map_err(|e| at(RestoreStep::Starting)(e.into()))
}
