//! The objects the mock keeps and how they are read: the store itself (resource versions,
//! names, watch history), lists and their pages, label and field selectors, and the Tables
//! `kubectl get` prints. Uses only `kube`.

pub mod list;
mod objects;
pub mod selectors;
pub mod table;
pub mod watch;

pub use objects::{now_timestamp, Store};
