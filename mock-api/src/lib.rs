//! What of the mock others use too: the check of objects against KubeVirt's schema, which the
//! app's tests apply to every object the app builds.

pub mod schema;
