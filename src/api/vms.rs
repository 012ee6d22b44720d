//! VirtualMachine reads and writes.

use super::paths::{encode_segment, VIRTUAL_MACHINES};
use super::{ApiClient, ApiError};
use crate::logic::vm_builder::CREATION_ID_ANNOTATION;
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

/// Creates the VM built from a draft, exactly once: the server validates it first (dry run),
/// and when the create's answer is lost (timeout, dropped connection, 5xx) or the name is
/// taken, the VM under that name is read back. If it carries `creation_id` it is the one this
/// draft made, and it is returned as created; otherwise the original error stands (a 409
/// then means another VM has the name).
pub async fn create_once(
    client: &ApiClient,
    namespace: &str,
    vm: &serde_json::Value,
    creation_id: &str,
) -> Result<VirtualMachine, ApiError> {
    create(client, namespace, vm, true).await?;
    let err = match create(client, namespace, vm, false).await {
        Ok(created) => return Ok(created),
        Err(err) => err,
    };
    if !(err.code() == Some(409) || err.is_transient()) {
        return Err(err);
    }
    let name = vm["metadata"]["name"].as_str().unwrap_or_default();
    match client
        .get::<VirtualMachine>(&VIRTUAL_MACHINES.item(Some(namespace), name))
        .await
    {
        Ok(existing)
            if existing
                .metadata
                .annotations
                .get(CREATION_ID_ANNOTATION)
                .map(String::as_str)
                == Some(creation_id) =>
        {
            Ok(existing)
        }
        _ => Err(err),
    }
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
