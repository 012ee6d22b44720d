//! Namespace reads, for the namespace selector.

use super::paths::NAMESPACES;
use super::{ApiClient, ApiError};
use crate::model::Namespace;

/// The names of every namespace the user may list, sorted.
pub async fn list_names(client: &ApiClient) -> Result<Vec<String>, ApiError> {
    let (items, _) = client
        .list::<Namespace>(&NAMESPACES.collection(None))
        .await?;
    let mut names: Vec<String> = items.into_iter().map(|ns| ns.metadata.name).collect();
    names.sort();
    Ok(names)
}
