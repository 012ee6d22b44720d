//! The API's writes: POST (create, after admission), PUT (replace, refused when stale), PATCH
//! (merge patch and JSON patch; strategic merge only where the API server has it, never on
//! custom resources), DELETE (through the garbage collector) and a VM's actions. Each stored
//! object is handed to the controllers.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

use mock_api::json_patch::{self, PatchError};

use crate::admission::{rbac, shape, validation, vm};
use crate::controllers::{self, garbage_collector, lifecycle};
use crate::http::request::{decode_body, Call, WriteOptions};
use crate::http::response::answer;
use crate::kube::paths::{CollectionPath, ItemPath, VmActionPath};
use crate::kube::resources::ResourceType;
use crate::kube::status::ApiStatus;
use crate::state::{lock, Shared};

const MERGE_PATCH: &str = "application/merge-patch+json";
const JSON_PATCH: &str = "application/json-patch+json";
const STRATEGIC_MERGE_PATCH: &str = "application/strategic-merge-patch+json";

/// `POST` on a collection: creates the object the body holds.
pub fn create(call: &Call<'_>, collection: &CollectionPath) -> Response {
    let namespace = collection.namespace.as_deref().unwrap_or_default();
    match create_object(call, collection.resource, namespace) {
        Ok(created) => answer(StatusCode::CREATED, &created, call.accept),
        Err(status) => call.refuse(&status),
    }
}

/// `PUT` on an object: replaces it with the body.
pub fn replace(call: &Call<'_>, item: &ItemPath) -> Response {
    call.reply(replace_object(call, item))
}

/// `PATCH` on an object.
pub fn patch(call: &Call<'_>, item: &ItemPath) -> Response {
    call.reply(patch_object(call, item))
}

/// `DELETE` on an object: it goes, with what it owns.
pub fn delete(call: &Call<'_>, item: &ItemPath) -> Response {
    call.reply(garbage_collector::delete(
        call.shared,
        item.resource,
        item.namespace_key(),
        &item.name,
    ))
}

/// `PUT` on a VM's action (`start`, `stop`, `restart`): 202 with no body once accepted.
pub fn vm_action(call: &Call<'_>, vm: &VmActionPath) -> Response {
    match lifecycle::act(call.shared, &vm.namespace, &vm.name, &vm.action) {
        Ok(()) => StatusCode::ACCEPTED.into_response(),
        Err(status) => status.into_response(),
    }
}

/// Replaces an object with the request body.
fn replace_object(call: &Call<'_>, item: &ItemPath) -> Result<Value, ApiStatus> {
    let (shared, content_type, body) = (call.shared, call.content_type, call.body);
    let options = WriteOptions::from_query(&call.query);
    let (resource, namespace, name) = (item.resource, item.namespace_key(), item.name.as_str());
    let new = decode_body(content_type, body)?;
    if let Err(refusal) = shape::check_body(resource, &new) {
        let schema = lock(shared).schema.clone();
        return Err(validation::refusal_for_shape(
            schema.as_deref(),
            resource,
            &new,
            options.strict,
            refusal,
        ));
    }
    if new["metadata"]["name"].as_str() != Some(name) {
        return Err(ApiStatus::bad_request(
            "the name of the object does not match the name on the URL",
        ));
    }
    write(shared, resource, namespace, name, options, |_| Ok(new))
}

/// Applies a patch in the format its Content-Type names.
fn patch_object(call: &Call<'_>, item: &ItemPath) -> Result<Value, ApiStatus> {
    let (shared, content_type, body) = (call.shared, call.content_type, call.body);
    let options = WriteOptions::from_query(&call.query);
    let (resource, namespace, name) = (item.resource, item.namespace_key(), item.name.as_str());
    let media_type = content_type.split(';').next().unwrap_or_default().trim();
    let strategic_allowed = resource.group.is_empty();
    if !(media_type == MERGE_PATCH
        || media_type == JSON_PATCH
        || media_type == STRATEGIC_MERGE_PATCH && strategic_allowed)
    {
        return Err(ApiStatus::new(
            415,
            "UnsupportedMediaType",
            "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
        ));
    }
    let patch: Value = serde_json::from_slice(body)
        .map_err(|err| ApiStatus::bad_request(format!("error decoding patch: {err}")))?;
    let schema = lock(shared).schema.clone();
    write(shared, resource, namespace, name, options, |current| {
        let mut patched = current.clone();
        if media_type == JSON_PATCH {
            json_patch::apply(&mut patched, &patch).map_err(patch_error)?;
        } else {
            // Strategic merge on core kinds behaves as a merge for what the app and tests send.
            json_patch::merge(&mut patched, &patch);
        }
        if let Err(refusal) = shape::check_patched(resource, name, &patched) {
            return Err(validation::refusal_for_shape(
                schema.as_deref(),
                resource,
                &patched,
                options.strict,
                refusal,
            ));
        }
        Ok(patched)
    })
}

/// The Status the API server answers when a JSON patch does not apply.
fn patch_error(error: PatchError) -> ApiStatus {
    match error {
        PatchError::Malformed(message) => ApiStatus::bad_request(message),
        too_many @ PatchError::TooManyOperations(_) => {
            ApiStatus::new(413, "RequestEntityTooLarge", too_many.to_string())
        }
        PatchError::Failed(message) => ApiStatus {
            details: Some(
                json!({"causes": [{"reason": "UnexpectedServerResponse", "message": message}]}),
            ),
            ..ApiStatus::new(
                422,
                "Invalid",
                "the server rejected our request due to an error in our request",
            )
        },
    }
}

/// Computes the new object from the stored one, checks it as the API server does, stores it and
/// lets the controller react.
fn write(
    shared: &Shared,
    resource: &'static ResourceType,
    namespace: &str,
    name: &str,
    options: WriteOptions,
    compute: impl FnOnce(&Value) -> Result<Value, ApiStatus>,
) -> Result<Value, ApiStatus> {
    let key_namespace = if resource.namespaced { namespace } else { "" };
    let (old, updated) = {
        let mut state = lock(shared);
        let old = state
            .store
            .get(resource, key_namespace, name)
            .cloned()
            .ok_or_else(|| ApiStatus::not_found(resource, name))?;
        let mut new = compute(&old)?;
        if !new.is_object() || new["kind"] != old["kind"] || new["apiVersion"] != old["apiVersion"]
        {
            return Err(ApiStatus::bad_request(
                "the object's kind or apiVersion does not match the resource",
            ));
        }
        let sent_version = new["metadata"]["resourceVersion"].as_str().unwrap_or("");
        if !sent_version.is_empty() && old["metadata"]["resourceVersion"] != sent_version {
            return Err(conflict(resource, name));
        }
        keep_server_fields(resource, &old, &mut new);
        validation::check(state.schema.as_deref(), resource, &new, options.strict)?;
        if options.dry_run {
            return Ok(new);
        }
        let updated = state
            .store
            .modify(resource, key_namespace, name, |stored| *stored = new)
            .ok_or_else(|| ApiStatus::not_found(resource, name))?;
        (old, updated)
    };
    controllers::on_updated(shared.clone(), resource, &old, &updated);
    Ok(updated)
}

/// What a client cannot change by writing the object: identity, creation time, the status of
/// kinds with a status subresource; and `generation`, which counts spec changes.
fn keep_server_fields(resource: &ResourceType, old: &Value, new: &mut Value) {
    for field in [
        "name",
        "namespace",
        "uid",
        "creationTimestamp",
        "generation",
    ] {
        match old["metadata"].get(field) {
            Some(value) => new["metadata"][field] = value.clone(),
            None => {
                if let Some(fields) = new["metadata"].as_object_mut() {
                    fields.remove(field);
                }
            }
        }
    }
    if resource.status_subresource {
        match old.get("status") {
            Some(status) => new["status"] = status.clone(),
            None => {
                if let Some(fields) = new.as_object_mut() {
                    fields.remove("status");
                }
            }
        }
    }
    if old.get("spec") != new.get("spec") {
        let generation = old["metadata"]["generation"].as_i64().unwrap_or(1);
        new["metadata"]["generation"] = json!(generation + 1);
    }
}

fn conflict(resource: &ResourceType, name: &str) -> ApiStatus {
    ApiStatus {
        details: Some(json!({"name": name, "group": resource.group, "kind": resource.plural})),
        ..ApiStatus::new(
            409,
            "Conflict",
            format!(
                "Operation cannot be fulfilled on {} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
                resource.qualified_name()
            ),
        )
    }
}

/// Creates an object from the request body, after admission, and hands it to the controllers.
fn create_object(
    call: &Call<'_>,
    resource: &'static ResourceType,
    namespace: &str,
) -> Result<Value, ApiStatus> {
    let (shared, content_type, body) = (call.shared, call.content_type, call.body);
    let options = WriteOptions::from_query(&call.query);
    let dry_run = options.dry_run;
    let mut object = decode_body(content_type, body)?;
    if let Err(refusal) = shape::check_body(resource, &object) {
        let schema = lock(shared).schema.clone();
        let strict = options.strict;
        return Err(validation::refusal_for_shape(
            schema.as_deref(),
            resource,
            &object,
            strict,
            refusal,
        ));
    }
    if let Some(metadata) = object.get_mut("metadata").and_then(Value::as_object_mut) {
        // The API server sets the creation time; a client's would also have the CronJob
        // controller look for missed schedules since then.
        metadata.remove("creationTimestamp");
    }
    if resource.kind == "SelfSubjectAccessReview" {
        return Ok(rbac::review(&lock(shared).denials, object));
    }
    if resource.kind == "SelfSubjectReview" {
        // Says who the caller is; nothing is stored.
        object["status"] =
            json!({"userInfo": {"username": "developer", "groups": ["system:authenticated"]}});
        return Ok(object);
    }
    if resource.kind == "VirtualMachine" {
        vm::default_new_vm(&mut object);
    }
    controllers::snapshots::admit(shared, resource, namespace, &object)?;
    let created = {
        let mut state = lock(shared);
        validation::check(state.schema.as_deref(), resource, &object, options.strict)?;
        state.allocator.on_create(resource, &mut object);
        state.store.create(resource, namespace, object, dry_run)?
    };
    if !dry_run {
        controllers::on_created(shared.clone(), resource, &created);
    }
    Ok(created)
}
