//! Small HTTP helpers: answers in the format the client accepts (JSON, or Kubernetes protobuf
//! for the built-in kinds that have it) and reading the request's query.

use std::collections::HashMap;

use axum::body::Body;
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use mock_api::protobuf;
use serde_json::Value;

use crate::kube::status::ApiStatus;

/// A JSON answer with the given status.
pub fn json_response(code: StatusCode, body: &Value) -> Response {
    Response::builder()
        .status(code)
        .header(header::CONTENT_TYPE, "application/json")
        .header(header::CACHE_CONTROL, "no-cache, private")
        .body(Body::from(body.to_string()))
        .unwrap_or_default()
}

/// An answer in the format the request's Accept header prefers: Kubernetes protobuf when it
/// comes first and the object's kind has it, JSON otherwise. Every client that asks for
/// protobuf (kubectl, client-go) also takes JSON; one that does not gets 406 for an object the
/// mock cannot write as protobuf, as the API server answers for custom resources.
pub fn answer(code: StatusCode, body: &Value, accept: &str) -> Response {
    let accept = Accept::parse(accept);
    if accept.prefers_protobuf {
        match protobuf::encode(body) {
            Ok(bytes) => return protobuf_response(code, bytes),
            Err(_) if !accept.takes_json => return not_acceptable(),
            Err(_) => {}
        }
    }
    json_response(code, body)
}

/// An error as its `Status`, in the format the request prefers.
pub fn status_answer(status: &ApiStatus, accept: &str) -> Response {
    let code = StatusCode::from_u16(status.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    answer(code, &status.body(), accept)
}

fn protobuf_response(code: StatusCode, body: Vec<u8>) -> Response {
    Response::builder()
        .status(code)
        .header(header::CONTENT_TYPE, protobuf::MEDIA_TYPE)
        .header(header::CACHE_CONTROL, "no-cache, private")
        .body(Body::from(body))
        .unwrap_or_default()
}

fn not_acceptable() -> Response {
    let status = ApiStatus::new(
        406,
        "NotAcceptable",
        format!(
            "only the following media types are accepted: application/json, {}",
            protobuf::MEDIA_TYPE
        ),
    );
    json_response(StatusCode::NOT_ACCEPTABLE, &status.body())
}

/// What an Accept header allows, as far as the mock's two answer formats go.
#[derive(Debug, PartialEq, Eq)]
struct Accept {
    /// Kubernetes protobuf is the most preferred of the formats the mock writes.
    prefers_protobuf: bool,
    /// JSON is acceptable at all.
    takes_json: bool,
}

impl Accept {
    /// Reads `type/subtype;param=value;q=0.5, ...`; an absent header takes anything.
    fn parse(header: &str) -> Self {
        let mut ranges: Vec<(f32, bool, bool)> = header
            .split(',')
            .filter(|range| !range.trim().is_empty())
            .map(|range| {
                let mut parts = range.split(';').map(str::trim);
                let media_type = parts.next().unwrap_or_default().to_ascii_lowercase();
                let mut quality = 1.0;
                let mut as_kind = false;
                for param in parts {
                    let (name, value) = param.split_once('=').unwrap_or((param, ""));
                    match name.trim() {
                        "q" => quality = value.trim().parse().unwrap_or(1.0),
                        // `as=Table` and the like ask for a different object, not a format.
                        "as" => as_kind = true,
                        _ => {}
                    }
                }
                let protobuf = media_type == protobuf::MEDIA_TYPE && !as_kind;
                let json = matches!(
                    media_type.as_str(),
                    "application/json" | "application/*" | "*/*"
                );
                (quality, protobuf, json)
            })
            .filter(|(quality, protobuf, json)| *quality > 0.0 && (*protobuf || *json))
            .collect();
        // Most preferred first; among equals, the order the client wrote.
        ranges.sort_by(|a, b| b.0.total_cmp(&a.0));
        match ranges.first() {
            None => Self {
                prefers_protobuf: false,
                takes_json: true,
            },
            Some(&(_, protobuf, _)) => Self {
                prefers_protobuf: protobuf,
                takes_json: ranges.iter().any(|range| range.2),
            },
        }
    }
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

// `Status` is the API's vocabulary (`kube`); how it goes over the wire is this module's.
impl IntoResponse for ApiStatus {
    fn into_response(self) -> Response {
        let code = StatusCode::from_u16(self.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        json_response(code, &self.body())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn accept_headers_choose_protobuf_only_when_it_comes_first() {
        let accept = |header| {
            let Accept {
                prefers_protobuf,
                takes_json,
            } = Accept::parse(header);
            (prefers_protobuf, takes_json)
        };
        // kubectl's typed commands.
        assert_eq!(
            accept("application/vnd.kubernetes.protobuf,application/json"),
            (true, true)
        );
        assert_eq!(accept("application/vnd.kubernetes.protobuf"), (true, false));
        assert_eq!(accept("application/json, */*"), (false, true));
        assert_eq!(accept(""), (false, true));
        assert_eq!(
            accept("application/json;q=0.9, application/vnd.kubernetes.protobuf"),
            (true, true)
        );
        assert_eq!(
            accept("application/vnd.kubernetes.protobuf;q=0.5, application/json"),
            (false, true)
        );
        assert_eq!(
            accept(
                "application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io, application/json"
            ),
            (false, true),
            "a Table in protobuf is not offered"
        );
        assert_eq!(
            accept("application/vnd.kubernetes.protobuf;q=0"),
            (false, true)
        );
    }

    #[test]
    fn answers_fall_back_to_json_for_kinds_without_protobuf() {
        let both = "application/vnd.kubernetes.protobuf,application/json";
        let content_type = |response: &Response| {
            response.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap_or_default()
                .to_owned()
        };
        let namespace =
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "demo"}});
        assert_eq!(
            content_type(&answer(StatusCode::OK, &namespace, both)),
            protobuf::MEDIA_TYPE
        );
        let vm = json!({"apiVersion": "kubevirt.io/v1", "kind": "VirtualMachine", "metadata": {"name": "vm"}});
        assert_eq!(
            content_type(&answer(StatusCode::OK, &vm, both)),
            "application/json"
        );
        let only = answer(StatusCode::OK, &vm, "application/vnd.kubernetes.protobuf");
        assert_eq!(only.status(), StatusCode::NOT_ACCEPTABLE);
        let unknown_field = json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "demo"}, "extra": 1});
        assert_eq!(
            content_type(&answer(StatusCode::OK, &unknown_field, both)),
            "application/json",
            "a field the table lacks is answered in JSON, not dropped"
        );
    }
}
