//! Serde types for the Kubernetes and KubeVirt fields the app reads. No Leptos, no web_sys.

pub mod cron_job;
pub mod meta;
pub mod namespace;
pub mod service;
pub mod status;
pub mod vm;
pub mod vmi;

pub use cron_job::CronJob;
pub use meta::{Condition, List, ListMeta, ObjectMeta};
pub use namespace::Namespace;
pub use service::{Node, Service};
pub use status::{Status, StatusCause};
pub use vm::VirtualMachine;
pub use vmi::VirtualMachineInstance;
