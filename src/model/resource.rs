//! What makes a model type a Kubernetes resource: where the API serves its kind (group,
//! version, plural, kind, scope) and how to read its metadata, as kube-rs's `Resource` trait.

use super::{ObjectMeta, ObjectRef};

/// A kind of object the API serves: its group, version, plural resource name, kind and scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResourceType {
    /// API group; empty for the core group (`/api/v1`).
    pub group: &'static str,
    pub version: &'static str,
    pub plural: &'static str,
    /// The `kind` objects of this type carry.
    pub kind: &'static str,
    pub namespaced: bool,
}

impl ResourceType {
    /// `apiVersion` as objects of this type carry it (`v1`, `kubevirt.io/v1`).
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_owned()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }
}

/// A model type read from or written to the API.
pub trait Resource {
    /// Where the API serves this type.
    const TYPE: ResourceType;

    /// The object's metadata.
    fn meta(&self) -> &ObjectMeta;

    /// The object's namespace and name.
    fn object_ref(&self) -> ObjectRef {
        let meta = self.meta();
        ObjectRef::new(meta.namespace.as_deref().unwrap_or_default(), &meta.name)
    }
}

/// Implements `Resource` for a type whose metadata is its `metadata` field.
macro_rules! resource {
    ($type:ty, $group:literal, $version:literal, $plural:literal, $kind:expr, $namespaced:literal) => {
        impl $crate::model::Resource for $type {
            const TYPE: $crate::model::ResourceType = $crate::model::ResourceType {
                group: $group,
                version: $version,
                plural: $plural,
                kind: $kind,
                namespaced: $namespaced,
            };

            fn meta(&self) -> &$crate::model::ObjectMeta {
                &self.metadata
            }
        }
    };
}
pub(crate) use resource;
