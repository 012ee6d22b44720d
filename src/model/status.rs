//! The `meta.k8s.io/v1 Status` body the API server returns with an error.

use serde::Deserialize;

/// An error `Status` body.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Status {
    pub kind: String,
    pub code: u16,
    pub reason: String,
    pub message: String,
    pub details: Option<StatusDetails>,
}

/// `Status.details`: which object and which fields.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct StatusDetails {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub causes: Vec<StatusCause>,
}

/// One cause of a 422 Invalid: the field and what is wrong with it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct StatusCause {
    pub reason: Option<String>,
    pub message: String,
    pub field: Option<String>,
}
