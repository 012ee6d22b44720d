//! What of the mock others use too: the check of objects against KubeVirt's schema, the KubeVirt
//! data the repository carries, and the patch formats, which the app's tests apply to every object
//! (and patched object) it builds.

pub mod json_patch;
pub mod kubevirt_data;
pub mod protobuf;
pub mod schema;
