//! Services (to reach a VM's remote desktop) and the Nodes whose addresses a NodePort uses.

use super::typed::{Api, PostParams};
use super::{ApiClient, ApiError};
use crate::model::{Node, Service};

/// Creates a Service. Never retried, so it is not created twice.
pub async fn create(
    client: &ApiClient,
    namespace: &str,
    service: &serde_json::Value,
) -> Result<Service, ApiError> {
    Api::namespaced(client, namespace)
        .create(service, PostParams::default())
        .await
}

/// Reads one Node (for its addresses).
pub async fn node(client: &ApiClient, name: &str) -> Result<Node, ApiError> {
    Api::all(client).get(name).await
}
