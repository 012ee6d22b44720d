//! Reading and patching many VMs with a bounded number of requests in flight: a browser keeps
//! six connections per server over HTTP/1.1 and the list's watches hold some, so a bulk action
//! uses what is left and the page stays responsive. Each result is handed over as it comes.

use futures::stream::{self, StreamExt};
use serde_json::Value;

use super::{patch_then, read_vm_and_instance, FollowUp, PatchError};
use crate::api::typed::Api;
use crate::api::{ApiClient, ApiError};
use crate::logic::bulk_switch::BulkOutcome;
use crate::logic::vm_actions::VmAction;
use crate::model::{ObjectRef, VirtualMachine, VirtualMachineInstance, VmObject};

/// Requests in flight at once.
pub const CONCURRENCY: usize = 3;

/// A VM as read for the bulk switch, and whether its guest agent is connected.
pub type ReadVm = Result<(VmObject, bool), ApiError>;

/// Reads each VM of `targets` with its instance, calling `on_read` as each answer comes.
pub async fn read_all(
    client: &ApiClient,
    targets: Vec<ObjectRef>,
    on_read: impl Fn(ObjectRef, ReadVm),
) {
    stream::iter(targets)
        .map(|target| async move {
            let read = read_vm_and_instance(client, &target)
                .await
                .map(|(vm, vmi)| {
                    let agent = vmi
                        .as_ref()
                        .is_some_and(VirtualMachineInstance::agent_connected);
                    (vm, agent)
                });
            (target, read)
        })
        .buffer_unordered(CONCURRENCY)
        .for_each(|(target, read)| {
            on_read(target, read);
            async {}
        })
        .await;
}

/// Applies each VM's guarded patch (then restarts it, with `restart`), calling `on_done` with
/// how each ended as it does.
pub async fn apply_all(
    client: &ApiClient,
    patches: Vec<(ObjectRef, Value)>,
    restart: bool,
    on_done: impl Fn(ObjectRef, BulkOutcome),
) {
    stream::iter(patches)
        .map(|(target, ops)| async move {
            let follow_up = if restart {
                FollowUp::Restart
            } else {
                FollowUp::Nothing
            };
            let outcome = match patch_then(client, &target, &ops, follow_up, || {}).await {
                Ok(()) => BulkOutcome::Done,
                Err(PatchError::NotSaved(error)) if error.is_changed_meanwhile() => {
                    BulkOutcome::ChangedMeanwhile
                }
                Err(PatchError::RestartFailed(error)) => {
                    BulkOutcome::SavedNotRestarted(error.user_message())
                }
                Err(PatchError::NotSaved(error)) => BulkOutcome::Refused(error.user_message()),
                Err(other) => BulkOutcome::Refused(other.to_string()),
            };
            (target, outcome)
        })
        .buffer_unordered(CONCURRENCY)
        .for_each(|(target, outcome)| {
            on_done(target, outcome);
            async {}
        })
        .await;
}

/// Takes `action` on each VM of `targets`, returning how each went, in the order given.
pub async fn act_all(
    client: &ApiClient,
    targets: Vec<ObjectRef>,
    action: VmAction,
) -> Vec<(ObjectRef, Result<(), ApiError>)> {
    stream::iter(targets)
        .map(|target| async move {
            let done = Api::<VirtualMachine>::of(client, &target)
                .act(&target.name, action)
                .await;
            (target, done)
        })
        .buffered(CONCURRENCY)
        .collect()
        .await
}
