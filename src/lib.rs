//! Windows VMs: a web console for creating and tuning Windows virtual machines on KubeVirt.
//!
//! `model` and `logic` are plain Rust, tested natively; `api` owns every HTTP call; `components`
//! and `pages` only render state and forward events.

pub mod api;
pub mod app;
pub mod components;
pub mod context;
pub mod logic;
pub mod model;
pub mod pages;
#[cfg(target_arch = "wasm32")]
pub mod plugin;

/// Starts the app in the browser: installs the panic hook, opens the page a deep link asks
/// for (`?to=…`), and mounts the shell on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    open_deep_link();
    wasm_bindgen_futures::spawn_local(async {
        let config = api::config::load().await;
        leptos::mount::mount_to_body(move || leptos::view! { <app::App config /> });
    });
}

/// Replaces `/?to=/ns/…` by the page it names, before the router reads the address.
fn open_deep_link() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let query = window.location().search().unwrap_or_default();
    if let Some(target) = logic::routes::deep_link_target(&query) {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&target));
        }
    }
}
