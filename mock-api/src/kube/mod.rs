//! What the Kubernetes API is made of, with no behaviour of the mock in it: the kinds served,
//! the paths that address them, the `Status` errors are answered with, and the discovery and
//! OpenAPI documents that describe them. Every other layer uses it; it uses none of them.

pub mod discovery;
pub mod openapi;
pub mod paths;
pub mod resources;
pub mod status;
