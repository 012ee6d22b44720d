//! Kubernetes' protobuf encoding (`application/vnd.kubernetes.protobuf`) of the built-in kinds
//! the mock serves, which kubectl's typed commands (`create namespace`, `create secret`,
//! `auth can-i`, ...) send and prefer to receive.
//!
//! A body is the 4 bytes `k8s\0` and a `runtime.Unknown` envelope: the object's apiVersion and
//! kind, and the object's own message as `raw`. The mock keeps objects as JSON, so each message
//! is described by a table (field number, JSON name, type) and one codec converts both ways.
//! The `k8s-pb` crate has the generated types but no mapping to JSON, which is all the mock
//! needs; the tables cover only the kinds served, and a field they do not know is reported,
//! never dropped.

mod apis;
mod codec;
mod core_v1;
mod decode;
mod encode;
mod fields;
mod meta;
mod pod;
mod wire;

use serde_json::{Map, Value};

use fields::Message;
use wire::{put_delimited, Reader, WireError, WireType};

/// The media type of Kubernetes protobuf.
pub const MEDIA_TYPE: &str = "application/vnd.kubernetes.protobuf";

/// What every Kubernetes protobuf body starts with.
const MAGIC: &[u8] = b"k8s\0";

/// Why a body could not be read, or an object not written, as protobuf.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProtoError {
    #[error("the body does not start with the bytes \"k8s\\0\" that mark Kubernetes protobuf")]
    NoMagic,
    #[error("kind {kind:?} of {api_version:?} is not one the mock reads or writes as protobuf")]
    UnsupportedKind { api_version: String, kind: String },
    #[error("the envelope says the object is compressed ({0}), which the mock does not read")]
    Compressed(String),
    #[error("{message} is malformed: {problem}")]
    Wire {
        message: &'static str,
        problem: WireError,
    },
    #[error("field {number} of {message} is not one the mock knows; send this object as JSON")]
    UnknownField { message: &'static str, number: u32 },
    #[error("field {field} of {message} comes with a wire type its type does not use")]
    WireTypeMismatch {
        message: &'static str,
        field: String,
    },
    #[error("field {field} of {message} {problem}")]
    InvalidValue {
        message: &'static str,
        field: String,
        problem: &'static str,
    },
    #[error("the message nests deeper than {} levels", codec::MAX_DEPTH)]
    TooDeep,
    #[error("{message} has no field {key:?}")]
    NoSuchField { message: &'static str, key: String },
    #[error("field {field} of {message} is not {expected}")]
    WrongJsonType {
        message: &'static str,
        field: String,
        expected: &'static str,
    },
}

impl ProtoError {
    /// Whether the body was well formed but holds something the mock has no table for, as
    /// opposed to being broken.
    pub fn is_unsupported(&self) -> bool {
        matches!(
            self,
            Self::UnsupportedKind { .. } | Self::UnknownField { .. } | Self::Compressed(_)
        )
    }
}

/// The message table of a kind, if the mock speaks protobuf for it.
fn message_for(api_version: &str, kind: &str) -> Option<&'static Message> {
    Some(match (api_version, kind) {
        ("v1", "Namespace") => &core_v1::NAMESPACE,
        ("v1", "Secret") => &core_v1::SECRET,
        ("v1", "ConfigMap") => &core_v1::CONFIG_MAP,
        ("v1", "ServiceAccount") => &core_v1::SERVICE_ACCOUNT,
        ("v1", "Service") => &core_v1::SERVICE,
        ("v1", "Event") => &core_v1::EVENT,
        ("v1", "Status") => &meta::STATUS,
        ("rbac.authorization.k8s.io/v1", "Role") => &apis::ROLE,
        ("rbac.authorization.k8s.io/v1", "RoleBinding") => &apis::ROLE_BINDING,
        ("batch/v1", "CronJob") => &apis::CRON_JOB,
        ("batch/v1", "Job") => &apis::JOB,
        ("authorization.k8s.io/v1", "SelfSubjectAccessReview") => &apis::SELF_SUBJECT_ACCESS_REVIEW,
        ("authentication.k8s.io/v1", "SelfSubjectReview") => &apis::SELF_SUBJECT_REVIEW,
        _ => return None,
    })
}

/// The parts of a `runtime.Unknown` envelope the mock uses.
#[derive(Default)]
struct Envelope<'a> {
    api_version: String,
    kind: String,
    raw: &'a [u8],
    content_encoding: String,
}

const ENVELOPE: &str = "Unknown";

fn read_envelope(bytes: &[u8]) -> Result<Envelope<'_>, ProtoError> {
    let malformed = |problem| ProtoError::Wire {
        message: ENVELOPE,
        problem,
    };
    let text = |bytes: &[u8]| {
        String::from_utf8(bytes.to_vec()).map_err(|_| ProtoError::InvalidValue {
            message: ENVELOPE,
            field: "typeMeta".into(),
            problem: "is not UTF-8",
        })
    };
    let mut envelope = Envelope::default();
    let mut reader = Reader::new(bytes);
    while !reader.is_empty() {
        let (number, wire) = reader.key().map_err(malformed)?;
        if wire != WireType::Delimited {
            reader.skip(wire).map_err(malformed)?;
            continue;
        }
        let payload = reader.delimited().map_err(malformed)?;
        match number {
            1 => {
                let mut type_meta = Reader::new(payload);
                while !type_meta.is_empty() {
                    let (number, wire) = type_meta.key().map_err(malformed)?;
                    if wire != WireType::Delimited {
                        type_meta.skip(wire).map_err(malformed)?;
                        continue;
                    }
                    let value = text(type_meta.delimited().map_err(malformed)?)?;
                    match number {
                        1 => envelope.api_version = value,
                        2 => envelope.kind = value,
                        _ => {}
                    }
                }
            }
            2 => envelope.raw = payload,
            3 => envelope.content_encoding = text(payload)?,
            // 4, the content type of `raw`, is always protobuf between client and server.
            _ => {}
        }
    }
    Ok(envelope)
}

/// Reads a protobuf body into the JSON object it stands for.
pub fn decode(body: &[u8]) -> Result<Value, ProtoError> {
    let envelope = body.strip_prefix(MAGIC).ok_or(ProtoError::NoMagic)?;
    let envelope = read_envelope(envelope)?;
    if !envelope.content_encoding.is_empty() {
        return Err(ProtoError::Compressed(envelope.content_encoding));
    }
    let message = message_for(&envelope.api_version, &envelope.kind).ok_or_else(|| {
        ProtoError::UnsupportedKind {
            api_version: envelope.api_version.clone(),
            kind: envelope.kind.clone(),
        }
    })?;
    let fields = decode::decode_message(message, envelope.raw, 0)?;
    let mut object = Map::new();
    object.insert("apiVersion".into(), Value::String(envelope.api_version));
    object.insert("kind".into(), Value::String(envelope.kind));
    object.extend(fields);
    Ok(Value::Object(object))
}

/// Writes a JSON object as a protobuf body; fails rather than leave out a field its table does
/// not know, so the caller can answer in JSON instead.
pub fn encode(object: &Value) -> Result<Vec<u8>, ProtoError> {
    let text = |key: &str| object[key].as_str().unwrap_or_default();
    let (api_version, kind) = (text("apiVersion"), text("kind"));
    let unsupported = || ProtoError::UnsupportedKind {
        api_version: api_version.to_owned(),
        kind: kind.to_owned(),
    };
    let message = message_for(api_version, kind).ok_or_else(unsupported)?;
    let fields = object.as_object().ok_or_else(unsupported)?;
    let mut raw = Vec::new();
    encode::encode_message(message, fields, 0, &mut raw)?;
    let mut type_meta = Vec::new();
    put_delimited(&mut type_meta, 1, api_version.as_bytes());
    put_delimited(&mut type_meta, 2, kind.as_bytes());
    let mut out = MAGIC.to_vec();
    put_delimited(&mut out, 1, &type_meta);
    put_delimited(&mut out, 2, &raw);
    // Go writes its empty contentEncoding and contentType too.
    put_delimited(&mut out, 3, b"");
    put_delimited(&mut out, 4, b"");
    Ok(out)
}

#[cfg(test)]
mod tests;
