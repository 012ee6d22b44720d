//! The answer a fault asks for, given in place of the API's.

use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::admission::rbac::forbidden;
use crate::http::response::{json_response, text_response};
use crate::kube::paths::ApiPath;
use crate::kube::status::ApiStatus;
use crate::state::faults::Fault;

/// The answer a fault asks for; a 403 without a body reads like RBAC's, and a 429 carries
/// `Retry-After: 1` as the API server's priority and fairness sends it.
pub fn fault_response(fault: &Fault, method: &Method, api_path: &ApiPath, query: &str) -> Response {
    let mut response = fault_body(fault, method, api_path, query);
    if fault.status == 429 {
        response
            .headers_mut()
            .insert("Retry-After", axum::http::HeaderValue::from_static("1"));
    }
    response
}

fn fault_body(fault: &Fault, method: &Method, api_path: &ApiPath, query: &str) -> Response {
    let code = StatusCode::from_u16(fault.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    match &fault.body {
        Some(Value::String(text)) => text_response(code, text),
        Some(body) => json_response(code, body),
        None if fault.status == 403 => forbidden(method, api_path, query).into_response(),
        None => ApiStatus::new(
            fault.status,
            ApiStatus::reason_for(fault.status),
            format!("injected failure {}", fault.status),
        )
        .into_response(),
    }
}
