//! What a request asks for beyond its path: the format of its body, and for writes whether
//! to store anything (`dryRun`) and how strictly to check fields (`fieldValidation`).

use std::collections::HashMap;

use serde_json::Value;

use crate::status::ApiStatus;

/// Whether a POST or PUT body is in a format the mock reads: JSON or YAML (an absent type is
/// taken as JSON). A cluster also reads protobuf; kubectl sends JSON for KubeVirt's kinds.
pub fn json_body(content_type: &str) -> bool {
    let media_type = content_type.split(';').next().unwrap_or_default().trim();
    matches!(
        media_type,
        "" | "application/json" | "application/yaml" | "*/*"
    )
}

/// Reads a POST or PUT body as its Content-Type says.
pub fn decode_body(content_type: &str, body: &[u8]) -> Result<Value, ApiStatus> {
    let yaml = content_type.split(';').next().unwrap_or_default().trim() == "application/yaml";
    let decoded = if yaml {
        serde_yaml::from_slice::<Value>(body).map_err(|err| err.to_string())
    } else {
        serde_json::from_slice::<Value>(body).map_err(|err| err.to_string())
    };
    decoded.map_err(|err| {
        ApiStatus::bad_request(format!(
            "the body of the request could not be decoded: {err}"
        ))
    })
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
