//! Pages, one module each, plus the layout around them.

pub mod browser_zone;
pub mod bulk_switch;
pub mod console;
pub mod create_vm;
pub mod device_dialogs;
pub mod download;
pub mod driver_hint_popover;
pub mod last_namespace;
pub mod layout;
pub mod links;
pub mod namespace_bar;
pub mod not_found;
pub mod restart_history;
pub mod scheduled_restarts;
pub mod switch_interface;
pub mod virtio_suggestion;
pub mod vm_actions;
pub mod vm_details;
pub mod vm_list;
