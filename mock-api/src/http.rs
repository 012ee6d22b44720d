//! Small HTTP helpers: JSON answers and reading the request's query.

use std::collections::HashMap;

use axum::body::Body;
use axum::http::{header, StatusCode, Uri};
use axum::response::Response;
use serde_json::Value;

/// A JSON answer with the given status.
pub fn json_response(code: StatusCode, body: &Value) -> Response {
    Response::builder()
        .status(code)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CACHE_CONTROL, "no-cache, private")
        .body(Body::from(body.to_string()))
        .unwrap_or_default()
}

/// A plain-text answer, as proxies and the console's CSRF check send.
pub fn text_response(code: StatusCode, text: &str) -> Response {
    Response::builder()
        .status(code)
        .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from(text.to_owned()))
        .unwrap_or_default()
}

/// The query parameters of a request; a malformed query reads as none.
pub fn query_params(uri: &Uri) -> HashMap<String, String> {
    axum::extract::Query::<HashMap<String, String>>::try_from_uri(uri)
        .map(|q| q.0)
        .unwrap_or_default()
}
