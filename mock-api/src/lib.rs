//! What of the mock others use too: the check of objects against KubeVirt's schema and the
//! patch formats, which the app's tests apply to every object (and patched object) it builds.

pub mod json_patch;
pub mod schema;
