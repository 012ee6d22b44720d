//! The only code that talks HTTP: the client (base path, CSRF, abort, retries), typed errors,
//! resource paths, `Api<K>` (typed requests for one kind, see `typed`), live lists, and the
//! workflows that take several requests (`workflows`).

pub mod access;
pub mod client;
pub mod cluster_options;
pub mod config;
pub mod console_socket;
pub mod csrf;
pub mod error;
pub mod live_list;
pub mod namespaces;
pub mod new_vm;
pub mod paths;
pub mod polled;
pub mod resource;
pub mod services;
pub mod typed;
pub mod vms;
pub mod workflows;

pub use client::ApiClient;
pub use error::ApiError;
pub use typed::{Api, ListParams, PostParams};
