//! The only code that talks HTTP: the client (base path, CSRF, abort, retries), typed errors,
//! resource paths, and one file per kind of object.

pub mod client;
pub mod cluster_options;
pub mod config;
pub mod csrf;
pub mod error;
pub mod live_list;
pub mod namespaces;
pub mod new_vm;
pub mod paths;
pub mod resource;
pub mod schedules;
pub mod services;
pub mod vms;

pub use client::ApiClient;
pub use error::ApiError;
