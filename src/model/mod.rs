//! Serde types for the Kubernetes and KubeVirt fields the app reads, each a `Resource` that
//! knows where the API serves it, and the API's vocabularies (disk buses, NIC models, printable
//! statuses). No Leptos, no web_sys.

pub mod cron_job;
pub mod devices;
pub mod guest_user;
pub mod kinds;
pub mod meta;
pub mod namespace;
pub mod object_ref;
mod open_enum;
pub mod printable_status;
pub mod raw;
pub mod reported;
pub mod resource;
pub mod service;
pub mod snapshot;
pub mod status;
pub mod vm;
pub mod vmi;

pub use cron_job::{CronJob, Job};
pub use devices::{DiskBus, NicModel};
pub use guest_user::{GuestUser, GuestUserList};
pub use kinds::{
    ConfigMap, DataSource, NetworkAttachmentDefinition, PersistentVolumeClaim, Role, RoleBinding,
    Secret, SelfSubjectReview, ServiceAccount, VirtualMachineClusterInstancetype,
    VirtualMachineClusterPreference,
};
pub use meta::{Condition, List, ListMeta, ObjectMeta};
pub use namespace::Namespace;
pub use object_ref::ObjectRef;
pub use printable_status::PrintableStatus;
pub use raw::Raw;
pub use reported::{Reported, Vocabulary};
pub use resource::{Resource, ResourceType};
pub use service::{Node, Service};
pub use snapshot::{
    Event, VirtualMachineRestore, VirtualMachineSnapshot, VirtualMachineSnapshotContent,
};
pub use status::{Status, StatusCause};
pub use vm::{VirtualMachine, VmObject};
pub use vmi::{VirtualMachineInstance, VmiPhase};
