//! The namespace the user last worked in, kept in local storage: a VM created from "All
//! namespaces" goes there (see `logic::create_defaults::default_namespace`).

const KEY: &str = "windows-vms.last-namespace";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The namespace last chosen or created in, if any was.
pub fn load() -> Option<String> {
    storage()?
        .get_item(KEY)
        .ok()
        .flatten()
        .filter(|ns| !ns.is_empty())
}

/// Remembers `namespace`. Storage may be full or disabled: the default then falls back to the
/// first namespace the user may create VMs in.
pub fn save(namespace: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(KEY, namespace);
    }
}
