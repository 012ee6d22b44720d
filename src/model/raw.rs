//! `Raw<K>`: an object of K's type with every field kept as the server sent it, for the reads
//! the app handles as JSON (patches built from what was read, objects replaced whole).

use std::fmt;
use std::marker::PhantomData;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::{ObjectMeta, Resource, ResourceType};

/// An object of the type `K` names, read as JSON; its metadata typed beside.
pub struct Raw<K> {
    pub metadata: ObjectMeta,
    pub raw: Value,
    kind: PhantomData<fn() -> K>,
}

impl<K> Raw<K> {
    /// Keeps `raw`, reading its metadata.
    pub fn new(raw: Value) -> Result<Self, serde_json::Error> {
        let metadata = match raw.get("metadata") {
            Some(metadata) => serde_json::from_value(metadata.clone())?,
            None => ObjectMeta::default(),
        };
        Ok(Self {
            metadata,
            raw,
            kind: PhantomData,
        })
    }
}

impl<K: Resource> Resource for Raw<K> {
    const TYPE: ResourceType = K::TYPE;

    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }
}

impl<K> Clone for Raw<K> {
    fn clone(&self) -> Self {
        Self {
            metadata: self.metadata.clone(),
            raw: self.raw.clone(),
            kind: PhantomData,
        }
    }
}

impl<K> PartialEq for Raw<K> {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl<K> fmt::Debug for Raw<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Raw").field(&self.raw).finish()
    }
}

impl<'de, K> Deserialize<'de> for Raw<K> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::new(Value::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

impl<K> Serialize for Raw<K> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ConfigMap;

    #[test]
    fn every_field_survives_and_metadata_is_typed() {
        let text = r#"{"metadata":{"name":"virtio-win","namespace":"openshift-cnv"},"data":{"virtio-win-image":"x"}}"#;
        let read: Raw<ConfigMap> = serde_json::from_str(text).unwrap();
        assert_eq!(read.meta().name, "virtio-win");
        assert_eq!(read.raw["data"]["virtio-win-image"], "x");
        assert_eq!(serde_json::to_string(&read).unwrap(), text);
    }
}
