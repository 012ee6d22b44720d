//! `v1 Namespace`, as listed by the namespace selector.

use serde::Deserialize;

use super::resource::resource;
use super::ObjectMeta;

/// A namespace: only its name matters to the app.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Namespace {
    pub metadata: ObjectMeta,
}

resource!(Namespace, "", "v1", "namespaces", "Namespace", false);
