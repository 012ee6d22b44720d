//! Windows VMs: a web console for creating and tuning Windows virtual machines on KubeVirt.
//!
//! `model` and `logic` are plain Rust, tested natively; `api` owns every HTTP call; `components`
//! and `pages` only render state and forward events.

pub mod api;
pub mod app;
pub mod components;
pub mod logic;
pub mod model;
pub mod pages;

/// Starts the app in the browser: installs the panic hook and mounts the shell on `<body>`.
pub fn start() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let config = api::config::load().await;
        leptos::mount::mount_to_body(move || leptos::view! { <app::App config /> });
    });
}
