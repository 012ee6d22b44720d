//! VirtualMachine reads and writes.

use super::paths::VIRTUAL_MACHINES;
use super::{ApiClient, ApiError};
use crate::model::VirtualMachine;

/// One VM.
pub async fn get(
    client: &ApiClient,
    namespace: &str,
    name: &str,
) -> Result<VirtualMachine, ApiError> {
    client
        .get(&VIRTUAL_MACHINES.item(Some(namespace), name))
        .await
}

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
