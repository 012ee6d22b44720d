//! VirtualMachine reads and writes.

use super::paths::{encode_segment, VIRTUAL_MACHINES};
use super::{ApiClient, ApiError};
use crate::model::vm::VmObject;
use crate::model::VirtualMachine;

/// Creates a VM; with `dry_run` the server only validates it (`?dryRun=All`). Never retried,
/// so a VM is not created twice.
pub async fn create(
    client: &ApiClient,
    namespace: &str,
    vm: &serde_json::Value,
    dry_run: bool,
) -> Result<VirtualMachine, ApiError> {
    let query: &[(&str, &str)] = if dry_run { &[("dryRun", "All")] } else { &[] };
    client
        .create(&VIRTUAL_MACHINES.collection(Some(namespace)), query, vm)
        .await
}

/// Reads a VM with every field kept (for patches built from what was read).
pub async fn get(client: &ApiClient, namespace: &str, name: &str) -> Result<VmObject, ApiError> {
    client
        .get(&VIRTUAL_MACHINES.item(Some(namespace), name))
        .await
}

/// Asks KubeVirt to start, stop or restart a VM (`subresources.kubevirt.io`).
pub async fn act(
    client: &ApiClient,
    namespace: &str,
    name: &str,
    action: &str,
) -> Result<(), ApiError> {
    let path = format!(
        "/apis/subresources.kubevirt.io/v1/namespaces/{}/virtualmachines/{}/{action}",
        encode_segment(namespace),
        encode_segment(name)
    );
    client.put_empty(&path).await
}

/// Changes a VM with a guarded JSON patch (see `logic::vm_patch`).
pub async fn patch(
    client: &ApiClient,
    namespace: &str,
    name: &str,
    ops: &serde_json::Value,
) -> Result<VirtualMachine, ApiError> {
    client
        .json_patch(&VIRTUAL_MACHINES.item(Some(namespace), name), ops)
        .await
}

/// Deletes a VM; KubeVirt removes its instance and the disks made from its templates.
pub async fn delete(client: &ApiClient, namespace: &str, name: &str) -> Result<(), ApiError> {
    client
        .delete(&VIRTUAL_MACHINES.item(Some(namespace), name))
        .await
}
