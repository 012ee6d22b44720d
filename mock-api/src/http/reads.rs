//! The API's reads: discovery and OpenAPI documents, lists (as Tables when asked) and watches,
//! single objects, and a VM instance's guest OS info.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::controllers::guest;
use crate::http::request::Call;
use crate::http::response::{json_response, text_response};
use crate::http::watch_stream;
use crate::kube::paths::{CollectionPath, InstancePath, ItemPath};
use crate::kube::resources::VIRTUAL_MACHINE_INSTANCES;
use crate::kube::status::ApiStatus;
use crate::kube::{discovery, openapi};
use crate::state::lock;
use crate::store::list::list;
use crate::store::table;

/// A document the API serves about itself (`/version`, discovery, the OpenAPI index).
pub fn document(call: &Call<'_>, document: Value) -> Response {
    call.ok(&document)
}

/// `/api/v1` or `/apis/G/V`: the resources of one group-version.
pub fn resource_list(call: &Call<'_>, group: &str, version: &str) -> Response {
    call.ok(&discovery::resource_list(group, version))
}

/// One group-version's OpenAPI document.
pub fn openapi_document(call: &Call<'_>, path: &str) -> Response {
    call.reply(openapi::document(path).ok_or_else(ApiStatus::path_not_found))
}

/// `GET` on a collection: a watch when `?watch=true`, otherwise a list (a Table when asked).
pub fn list_or_watch(call: &Call<'_>, collection: CollectionPath) -> Response {
    let CollectionPath {
        resource,
        namespace,
    } = collection;
    let as_table = table::wants_table(call.accept).then_some(resource);
    if call
        .query
        .get("watch")
        .is_some_and(|w| w == "true" || w == "1")
    {
        return watch_stream::watch(call.shared, resource, namespace, &call.query, as_table)
            .unwrap_or_else(IntoResponse::into_response);
    }
    // Written out from the store under the lock: 10,000 objects are not copied first.
    let state = lock(call.shared);
    match list(&state.store, resource, namespace.as_deref(), &call.query) {
        Ok(page) if as_table.is_some() => json_response(
            StatusCode::OK,
            &page.table(resource, table::wants_objects(&call.query)),
        ),
        Ok(page) => page.into_response(),
        Err(status) => status.into_response(),
    }
}

/// `GET` on an object (a one-row Table when asked).
pub fn get(call: &Call<'_>, item: &ItemPath) -> Response {
    let found = lock(call.shared)
        .store
        .get(item.resource, item.namespace_key(), &item.name)
        .cloned();
    let Some(object) = found else {
        return call.refuse(&ApiStatus::not_found(item.resource, &item.name));
    };
    if !table::wants_table(call.accept) {
        return call.ok(&object);
    }
    let rv = object["metadata"]["resourceVersion"]
        .as_str()
        .unwrap_or_default();
    let mut table = table::table(item.resource, &[&object], rv, true);
    if table::wants_objects(&call.query) {
        table::include_objects(&mut table, &[&object]);
    }
    json_response(StatusCode::OK, &table)
}

/// A running instance's guest OS, as its agent reports it; KubeVirt refuses in plain text.
/// `GET .../virtualmachineinstances/NAME/userlist`: who is signed in to the guest, as its agent
/// says, or the same refusal as `guestosinfo`.
pub fn user_list(call: &Call<'_>, instance: &InstancePath) -> Response {
    let state = lock(call.shared);
    let vmi = state.store.get(
        &VIRTUAL_MACHINE_INSTANCES,
        &instance.namespace,
        &instance.name,
    );
    let key = (instance.namespace.clone(), instance.name.clone());
    let users = state
        .guest_users
        .get(&key)
        .map(Vec::as_slice)
        .unwrap_or_default();
    match guest::user_list_answer(vmi, &instance.name, users) {
        Ok(list) => json_response(StatusCode::OK, &list),
        Err(refusal) => text_response(StatusCode::INTERNAL_SERVER_ERROR, &refusal),
    }
}

pub fn guest_os_info(call: &Call<'_>, instance: &InstancePath) -> Response {
    let state = lock(call.shared);
    let vmi = state.store.get(
        &VIRTUAL_MACHINE_INSTANCES,
        &instance.namespace,
        &instance.name,
    );
    match guest::guest_os_info_answer(vmi, &instance.name) {
        Ok(info) => json_response(StatusCode::OK, &info),
        Err(refusal) => text_response(StatusCode::INTERNAL_SERVER_ERROR, &refusal),
    }
}
