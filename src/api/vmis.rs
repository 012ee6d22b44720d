//! VirtualMachineInstance reads: the running side of VMs (agent, addresses).

use super::paths::VIRTUAL_MACHINE_INSTANCES;
use super::{ApiClient, ApiError};
use crate::model::{List, VirtualMachineInstance};

/// The running instance of a VM, or `None` when it is not running. Asked as a list filtered
/// by name, so a stopped VM is an empty answer rather than a 404 in the browser's console.
pub async fn get(
    client: &ApiClient,
    namespace: &str,
    name: &str,
) -> Result<Option<VirtualMachineInstance>, ApiError> {
    let selector = format!("metadata.name={name}");
    let list: List<VirtualMachineInstance> = client
        .get_with_query(
            &VIRTUAL_MACHINE_INSTANCES.collection(Some(namespace)),
            &[("fieldSelector", &selector)],
        )
        .await?;
    Ok(list.items.into_iter().next())
}
