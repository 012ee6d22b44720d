//! What the API server checks and fills in before an object is stored, as pure functions of
//! the object: the shape of a body, KubeVirt's schema and its webhooks' rules for VMs, label
//! syntax, the fields allocated on create, and RBAC's answers. Uses only `kube` (and the
//! schema of the `mock_api` library).

pub mod defaults;
pub mod labels;
pub mod rbac;
pub mod shape;
pub mod validation;
pub mod vm;
