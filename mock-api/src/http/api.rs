//! The API's front door: a fault, when a test asked for one; then the checks every request
//! gets (RBAC, the body's format); then the route table, which hands the request to the
//! handler for its method and kind of path.

use std::time::Duration;

use axum::http::{Method, Uri};
use axum::response::{IntoResponse, Response};

use crate::admission::rbac;
use crate::http::faults;
use crate::http::request::{check_body_format, Call, Headers};
use crate::http::response::query_params;
use crate::http::{reads, writes};
use crate::kube::paths::{self, ApiPath};
use crate::kube::status::ApiStatus;
use crate::kube::{discovery, openapi};
use crate::state::{lock, Shared};

/// The route table: which handler answers a method on each kind of path. A path the API does
/// not serve is 404; one it serves, with a method that has no route here, 405.
fn route(call: &Call<'_>, path: ApiPath) -> Response {
    use ApiPath as P;
    match (call.method.as_str(), path) {
        ("GET", P::Version) => reads::document(call, discovery::version()),
        ("GET", P::CoreVersions) => reads::document(call, discovery::core_versions()),
        ("GET", P::Groups) => reads::document(call, discovery::groups()),
        ("GET", P::GroupVersion { group, version }) => reads::resource_list(call, &group, &version),
        ("GET", P::OpenApiRoot) => reads::document(call, openapi::root()),
        ("GET", P::OpenApiDocument(path)) => reads::openapi_document(call, &path),
        ("GET", P::Collection(collection)) => reads::list_or_watch(call, collection),
        ("GET", P::Item(item)) => reads::get(call, &item),
        ("GET", P::GuestOsInfo(instance)) => reads::guest_os_info(call, &instance),
        ("GET", P::UserList(instance)) => reads::user_list(call, &instance),
        ("POST", P::Collection(collection)) => writes::create(call, &collection),
        ("PUT", P::Item(item)) => writes::replace(call, &item),
        ("PATCH", P::Item(item)) => writes::patch(call, &item),
        ("DELETE", P::Item(item)) => writes::delete(call, &item),
        ("PUT", P::VmAction(vm)) => writes::vm_action(call, &vm),
        (_, P::Unknown) => call.refuse(&ApiStatus::path_not_found()),
        _ => call.refuse(&ApiStatus::method_not_allowed()),
    }
}

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

/// Answers a request once any fault has been applied: RBAC and the body's format first, as the
/// API server checks them before it looks any further.
async fn serve(
    shared: Shared,
    method: Method,
    uri: &Uri,
    headers: Headers<'_>,
    body: &[u8],
) -> Response {
    let api_path = paths::parse(paths::strip_console_prefix(uri.path()));
    let query = uri.query().unwrap_or_default();
    if let Some(access) = rbac::access_of(&method, &api_path, query) {
        if lock(&shared).denials.denies(&access) {
            return rbac::forbidden(&method, &api_path, query).into_response();
        }
    }
    if matches!(method, Method::POST | Method::PUT) && !body.is_empty() {
        if let Err(status) = check_body_format(headers.content_type) {
            return status.into_response();
        }
    }
    let call = Call {
        shared: &shared,
        method: &method,
        query: query_params(uri),
        accept: headers.accept,
        content_type: headers.content_type,
        body,
    };
    route(&call, api_path)
}
