//! Answers Kubernetes API requests: discovery, list, get and create, with faults applied first.

use std::time::Duration;

use axum::http::{Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::admission::rbac;
use crate::controllers::garbage_collector::delete;
use crate::controllers::lifecycle;
use crate::http::faults;
use crate::http::request::{check_body_format, Headers, WriteOptions};
use crate::http::response::{answer, json_response, query_params, status_answer};
use crate::http::watch_stream;
use crate::http::writes::{self, create};
use crate::kube::discovery;
use crate::kube::openapi;
use crate::kube::paths::{self, ApiPath};
use crate::kube::resources::ResourceType;
use crate::kube::status::ApiStatus;
use crate::state::{lock, Shared};
use crate::store::list::list;
use crate::store::table;

/// Handles one API request.
pub async fn handle(
    shared: Shared,
    method: Method,
    uri: Uri,
    headers: Headers<'_>,
    body: &[u8],
) -> Response {
    let path = paths::strip_console_prefix(uri.path()).to_owned();
    let path_and_query = match uri.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.clone(),
    };
    let api_path = paths::parse(&path);
    let fault = lock(&shared).faults.take(method.as_str(), &path_and_query);
    if let Some(fault) = fault {
        if fault.delay_ms > 0 {
            tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
        }
        if fault.status != 0 {
            if fault.after {
                // Carried out, then the answer is lost on the way back.
                drop(serve(shared.clone(), method.clone(), &uri, headers, body).await);
            }
            return faults::fault_response(
                &fault,
                &method,
                &api_path,
                uri.query().unwrap_or_default(),
            );
        }
    }
    serve(shared, method, &uri, headers, body).await
}

/// Answers a request once any fault has been applied.
async fn serve(
    shared: Shared,
    method: Method,
    uri: &Uri,
    headers: Headers<'_>,
    body: &[u8],
) -> Response {
    let accept = headers.accept;
    let path = paths::strip_console_prefix(uri.path()).to_owned();
    let api_path = paths::parse(&path);
    if let Some(access) = rbac::access_of(&method, &api_path, uri.query().unwrap_or_default()) {
        if lock(&shared).denials.denies(&access) {
            return rbac::forbidden(&method, &api_path, uri.query().unwrap_or_default())
                .into_response();
        }
    }
    if matches!(method, Method::POST | Method::PUT) && !body.is_empty() {
        if let Err(status) = check_body_format(headers.content_type) {
            return status.into_response();
        }
    }
    let query = query_params(uri);
    let table_of = match (&method, &api_path) {
        (&Method::GET, ApiPath::Collection { resource, .. } | ApiPath::Item { resource, .. })
            if table::wants_table(accept) =>
        {
            Some(*resource)
        }
        _ => None,
    };
    if let (
        &Method::GET,
        ApiPath::Collection {
            resource,
            namespace,
        },
    ) = (&method, &api_path)
    {
        if query.get("watch").is_some_and(|w| w == "true" || w == "1") {
            let as_table = table::wants_table(accept).then_some(*resource);
            return watch_stream::watch(&shared, resource, namespace.clone(), &query, as_table)
                .unwrap_or_else(IntoResponse::into_response);
        }
    }
    let result = match (&method, api_path) {
        (&Method::GET, ApiPath::Version) => Ok(discovery::version()),
        (&Method::GET, ApiPath::GuestOsInfo { namespace, name }) => {
            let state = lock(&shared);
            let vmi = state.store.get(
                &crate::kube::resources::VIRTUAL_MACHINE_INSTANCES,
                &namespace,
                &name,
            );
            return match crate::controllers::guest::guest_os_info_answer(vmi, &name) {
                Ok(info) => json_response(StatusCode::OK, &info),
                Err(refusal) => crate::http::response::text_response(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    &refusal,
                ),
            };
        }
        (&Method::GET, ApiPath::OpenApiRoot) => Ok(openapi::root()),
        (&Method::GET, ApiPath::OpenApiDocument(path)) => {
            openapi::document(&path).ok_or_else(ApiStatus::path_not_found)
        }
        (&Method::GET, ApiPath::CoreVersions) => Ok(discovery::core_versions()),
        (&Method::GET, ApiPath::Groups) => Ok(discovery::groups()),
        (&Method::GET, ApiPath::GroupVersion { group, version }) => {
            Ok(discovery::resource_list(&group, &version))
        }
        (
            &Method::GET,
            ApiPath::Collection {
                resource,
                namespace,
            },
        ) => {
            // Written out from the store under the lock: 10,000 objects are not copied first.
            let state = lock(&shared);
            return match list(&state.store, resource, namespace.as_deref(), &query) {
                Ok(page) if table_of.is_some() => json_response(
                    StatusCode::OK,
                    &page.table(resource, table::wants_objects(&query)),
                ),
                Ok(page) => page.into_response(),
                Err(status) => status.into_response(),
            };
        }
        (
            &Method::GET,
            ApiPath::Item {
                resource,
                namespace,
                name,
            },
        ) => {
            let state = lock(&shared);
            state
                .store
                .get(resource, namespace.as_deref().unwrap_or_default(), &name)
                .cloned()
                .ok_or_else(|| ApiStatus::not_found(resource, &name))
        }
        (
            &Method::POST,
            ApiPath::Collection {
                resource,
                namespace,
            },
        ) => {
            return match create(
                &shared,
                resource,
                namespace.as_deref().unwrap_or_default(),
                headers.content_type,
                body,
                WriteOptions::from_query(&query),
            ) {
                Ok(created) => answer(StatusCode::CREATED, &created, accept),
                Err(status) => status_answer(&status, accept),
            };
        }
        (
            &(Method::PUT | Method::PATCH),
            ApiPath::Item {
                resource,
                namespace,
                name,
            },
        ) => {
            let target = writes::Target {
                resource,
                namespace: namespace.as_deref().unwrap_or_default(),
                name: &name,
            };
            let options = WriteOptions::from_query(&query);
            if method == Method::PUT {
                writes::replace(&shared, &target, headers.content_type, body, options)
            } else {
                writes::patch(&shared, &target, headers.content_type, body, options)
            }
        }
        (
            &Method::PUT,
            ApiPath::VmAction {
                namespace,
                name,
                action,
            },
        ) => {
            return match lifecycle::act(&shared, &namespace, &name, &action) {
                Ok(()) => StatusCode::ACCEPTED.into_response(),
                Err(status) => status.into_response(),
            };
        }
        (
            &Method::DELETE,
            ApiPath::Item {
                resource,
                namespace,
                name,
            },
        ) => delete(
            &shared,
            resource,
            namespace.as_deref().unwrap_or_default(),
            &name,
        ),
        (_, ApiPath::Unknown) => Err(ApiStatus::path_not_found()),
        _ => Err(ApiStatus::method_not_allowed()),
    };
    match (result, table_of) {
        (Ok(value), Some(resource)) => {
            let mut table = as_table(resource, &value);
            if table::wants_objects(&query) {
                table::include_objects(&mut table, &[&value]);
            }
            json_response(StatusCode::OK, &table)
        }
        (Ok(value), None) => answer(StatusCode::OK, &value, accept),
        (Err(status), _) => status_answer(&status, accept),
    }
}

/// One object as the Table `kubectl get` asked for.
fn as_table(resource: &ResourceType, value: &Value) -> Value {
    let rv = value["metadata"]["resourceVersion"]
        .as_str()
        .unwrap_or_default();
    table::table(resource, &[value], rv, true)
}
