//! What a request asks for beyond its path: the format of its body (JSON, YAML or Kubernetes
//! protobuf), and for writes whether to store anything (`dryRun`) and how strictly to check
//! fields (`fieldValidation`); and the request as a handler sees it (`Call`).

use std::collections::HashMap;

use axum::http::{Method, StatusCode};
use axum::response::Response;
use mock_api::protobuf;
use serde_json::Value;

use crate::http::response::{answer, status_answer};
use crate::kube::status::ApiStatus;
use crate::state::Shared;

/// The formats a POST or PUT body may come in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BodyFormat {
    Json,
    Yaml,
    Protobuf,
}

/// The format a Content-Type names, or the 415 the API server answers one it does not read.
/// An absent type is taken as JSON, as the API server takes it.
fn body_format(content_type: &str) -> Result<BodyFormat, ApiStatus> {
    let media_type = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match media_type.as_str() {
        "" | "application/json" => Ok(BodyFormat::Json),
        "application/yaml" => Ok(BodyFormat::Yaml),
        protobuf::MEDIA_TYPE => Ok(BodyFormat::Protobuf),
        _ => Err(unsupported_media_type(&format!(
            "application/json, application/yaml, {}",
            protobuf::MEDIA_TYPE
        ))),
    }
}

fn unsupported_media_type(accepted: &str) -> ApiStatus {
    ApiStatus::new(
        415,
        "UnsupportedMediaType",
        format!("the body of the request was in an unknown format - accepted media types include: {accepted}"),
    )
}

/// Refuses a POST or PUT body whose Content-Type is not JSON, YAML or Kubernetes protobuf.
pub fn check_body_format(content_type: &str) -> Result<(), ApiStatus> {
    body_format(content_type).map(|_| ())
}

/// Reads a POST or PUT body as its Content-Type says.
pub fn decode_body(content_type: &str, body: &[u8]) -> Result<Value, ApiStatus> {
    let decoded = match body_format(content_type)? {
        BodyFormat::Protobuf => return protobuf::decode(body).map_err(protobuf_refusal),
        BodyFormat::Yaml => serde_yaml::from_slice::<Value>(body).map_err(|err| err.to_string()),
        BodyFormat::Json => serde_json::from_slice::<Value>(body).map_err(|err| err.to_string()),
    };
    decoded.map_err(|err| {
        ApiStatus::bad_request(format!(
            "the body of the request could not be decoded: {err}"
        ))
    })
}

/// A protobuf body that is well formed but of a kind, or with a field, the mock has no table
/// for gets a 415 naming it (a cluster refuses protobuf for custom resources the same way);
/// a broken one gets a 400.
fn protobuf_refusal(err: protobuf::ProtoError) -> ApiStatus {
    if err.is_unsupported() {
        unsupported_media_type(&format!("application/json, application/yaml ({err})"))
    } else {
        ApiStatus::bad_request(format!(
            "the body of the request could not be decoded as protobuf: {err}"
        ))
    }
}

/// How a write was asked for.
#[derive(Clone, Copy, Debug)]
pub struct WriteOptions {
    /// `?dryRun=All`: check, answer, store nothing.
    pub dry_run: bool,
    /// `?fieldValidation=Strict`: unknown fields are errors.
    pub strict: bool,
}

impl WriteOptions {
    /// Reads `dryRun` and `fieldValidation` from the query.
    pub fn from_query(query: &HashMap<String, String>) -> Self {
        Self {
            dry_run: query.get("dryRun").is_some_and(|v| v == "All"),
            strict: query.get("fieldValidation").is_some_and(|v| v == "Strict"),
        }
    }
}

/// The request headers that change an answer.
pub struct Headers<'a> {
    pub accept: &'a str,
    pub content_type: &'a str,
}

/// One API request, as its handler sees it.
pub struct Call<'a> {
    pub shared: &'a Shared,
    pub method: &'a Method,
    pub query: HashMap<String, String>,
    pub accept: &'a str,
    pub content_type: &'a str,
    pub body: &'a [u8],
}

impl Call<'_> {
    /// 200 with a value, in the format the client prefers.
    pub fn ok(&self, value: &Value) -> Response {
        answer(StatusCode::OK, value, self.accept)
    }

    /// An error as its `Status`, in the format the client prefers.
    pub fn refuse(&self, status: &ApiStatus) -> Response {
        status_answer(status, self.accept)
    }

    /// 200 with the value, or the error as its `Status`.
    pub fn reply(&self, result: Result<Value, ApiStatus>) -> Response {
        match result {
            Ok(value) => self.ok(&value),
            Err(status) => self.refuse(&status),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_yaml_and_protobuf_are_read_and_other_formats_refused_with_415() {
        for readable in [
            "",
            "application/json",
            "application/json; charset=utf-8",
            "application/yaml",
            "application/vnd.kubernetes.protobuf",
        ] {
            assert_eq!(check_body_format(readable), Ok(()), "{readable}");
        }
        for unreadable in ["text/plain", "*/*", "application/x-www-form-urlencoded"] {
            assert_eq!(
                check_body_format(unreadable).map_err(|status| status.code),
                Err(415),
                "{unreadable}"
            );
        }
    }

    #[test]
    fn protobuf_of_a_kind_without_a_table_is_415_and_a_broken_body_400() {
        let code = |body: &[u8]| {
            decode_body(protobuf::MEDIA_TYPE, body)
                .map(|_| ())
                .map_err(|status| status.code)
        };
        // An envelope naming kubevirt.io/v1 VirtualMachine with an empty object.
        let vm: Vec<u8> = [
            &b"k8s\0\x0a\x20\x0a\x0e"[..],
            b"kubevirt.io/v1",
            b"\x12\x0e",
            b"VirtualMachine",
            b"\x12\x00",
        ]
        .concat();
        assert_eq!(code(&vm), Err(415));
        assert_eq!(code(&vm[..vm.len() - 1]), Err(400), "cut short");
        assert_eq!(code(b"{}"), Err(400), "no magic");
    }
}
