//! List answers: the objects of a collection that match the selectors, a page at a time
//! (`limit` and `continue`), written straight from the store.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use crate::kube::resources::ResourceType;
use crate::kube::status::ApiStatus;
use crate::store::selectors;
use crate::store::table;
use crate::store::Store;

/// One page of a list, borrowing the objects from the store.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListPage<'a> {
    api_version: String,
    kind: String,
    metadata: Value,
    items: Vec<&'a Value>,
}

impl ListPage<'_> {
    /// The page as the Table `kubectl get` asks for, keeping its paging.
    pub fn table(&self, resource: &ResourceType, whole_objects: bool) -> Value {
        let rv = self.metadata["resourceVersion"]
            .as_str()
            .unwrap_or_default();
        let mut t = table::table(resource, &self.items, rv, true);
        if whole_objects {
            table::include_objects(&mut t, &self.items);
        }
        if let Some(token) = self.metadata.get("continue") {
            t["metadata"]["continue"] = token.clone();
        }
        t
    }

    pub fn into_response(self) -> Response {
        match serde_json::to_vec(&self) {
            Ok(bytes) => Response::builder()
                .status(StatusCode::OK)
                .header(axum::http::header::CONTENT_TYPE, "application/json")
                .header(axum::http::header::CACHE_CONTROL, "no-cache, private")
                .body(axum::body::Body::from(bytes))
                .unwrap_or_default(),
            Err(err) => ApiStatus::new(500, "InternalError", err.to_string()).into_response(),
        }
    }
}

/// A list answer with selectors, `limit` and `continue` applied.
pub fn list<'a>(
    store: &'a Store,
    resource: &ResourceType,
    namespace: Option<&str>,
    query: &std::collections::HashMap<String, String>,
) -> Result<ListPage<'a>, ApiStatus> {
    let (labels, fields) = selectors::from_query(query)?;
    let matching: Vec<&Value> = store
        .list(resource, namespace)
        .into_iter()
        .filter(|o| labels.matches(o) && fields.matches(o))
        .collect();
    let offset = match query.get("continue").filter(|c| !c.is_empty()) {
        Some(token) => token
            .strip_prefix("offset-")
            .and_then(|n| n.parse::<usize>().ok())
            .ok_or_else(|| ApiStatus::new(410, "Expired", "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter."))?,
        None => 0,
    };
    let limit = query
        .get("limit")
        .and_then(|l| l.parse::<usize>().ok())
        .filter(|l| *l > 0)
        .unwrap_or(usize::MAX);
    let total = matching.len();
    let items: Vec<&Value> = matching.into_iter().skip(offset).take(limit).collect();
    let mut metadata = json!({"resourceVersion": store.resource_version()});
    let next = offset.saturating_add(items.len());
    if next < total {
        metadata["continue"] = json!(format!("offset-{next}"));
        metadata["remainingItemCount"] = json!(total - next);
    }
    Ok(ListPage {
        api_version: resource.api_version(),
        kind: format!("{}List", resource.kind),
        metadata,
        items,
    })
}
