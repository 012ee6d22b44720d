//! Typed accessors for what the app provides through Leptos context, one function per value,
//! so a component asks for `use_client()` rather than naming a type to `expect_context`.
//!
//! Each panics, like `expect_context`, when called outside the app's tree: that is a bug in
//! the app, not a condition a page can handle.

use leptos::prelude::{expect_context, use_context};

use crate::api::config::AppConfig;
use crate::api::namespaces::NamespaceNames;
use crate::api::ApiClient;
use crate::components::popover::PopoverControl;
use crate::pages::switch_interface::SwitchRequest;
use crate::pages::vm_details::DeviceEdits;

/// The API client every read and write goes through.
pub fn use_client() -> ApiClient {
    expect_context()
}

/// The run-time settings read from `config.json`.
pub fn use_config() -> AppConfig {
    expect_context()
}

/// The settings, when there are any: outside the app (in component tests) there are none.
pub fn try_use_config() -> Option<AppConfig> {
    use_context()
}

/// The namespace names, read once for the whole app.
pub fn use_namespace_names() -> NamespaceNames {
    NamespaceNames::expect()
}

/// Opens the Switch interface dialog from anywhere.
pub fn use_switch_request() -> SwitchRequest {
    expect_context()
}

/// The popover around the caller, if it sits in one.
pub fn use_popover_control() -> Option<PopoverControl> {
    use_context()
}

/// The device changes of the VM page around the caller, if it sits in one.
pub fn use_device_edits() -> Option<DeviceEdits> {
    use_context()
}
