//! VirtualMachineInstance reads: the running side of VMs (agent, addresses).

use super::paths::VIRTUAL_MACHINE_INSTANCES;
use super::{ApiClient, ApiError};
use crate::model::VirtualMachineInstance;

/// Every VMI in `namespace`, or in all namespaces when `None`.
pub async fn list(
    client: &ApiClient,
    namespace: Option<&str>,
) -> Result<Vec<VirtualMachineInstance>, ApiError> {
    let (items, _) = client
        .list(&VIRTUAL_MACHINE_INSTANCES.collection(namespace))
        .await?;
    Ok(items)
}
