//! Pure functions behind the pages, tested natively: operating systems, statuses, ages.

pub mod age;
pub mod bulk_switch;
pub mod cluster_options;
pub mod console;
pub mod create_defaults;
pub mod driver_hint;
pub mod driver_notes;
pub mod interface_switch;
pub mod names;
pub mod os;
#[cfg(test)]
mod patch_check;
pub mod remote_desktop;
pub mod restart_history;
pub mod restart_schedule;
pub mod rfb;
pub mod routes;
pub mod row_window;
pub mod schedule_time;
pub mod signed_in;
pub mod snapshots;
pub mod switch_dialog;
pub mod switch_safety;
pub mod sysprep_volume;
pub mod terminal;
#[cfg(test)]
mod test_sequence;
pub mod unattend;
pub mod vm_actions;
pub mod vm_builder;
pub mod vm_devices;
pub mod vm_draft;
pub mod vm_list;
pub mod vm_list_csv;
pub mod vm_list_store;
pub mod vm_list_view;
pub mod vm_patch;
pub mod vm_row_store;
pub mod vm_selection;
pub mod vm_status;
pub mod windows_defaults;
pub mod wizard_steps;
pub mod yaml;
