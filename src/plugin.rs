//! The app as a console dynamic plugin sees it: `mount(element, options)` renders the app into an
//! element the console page owns and returns a handle whose `unmount()` takes it away again.
//! Nothing mounts by itself in this entry; the console's proxy, base path and active namespace
//! come in `options` (`{apiBase, basePath, namespace}`).

use wasm_bindgen::prelude::*;

use crate::api::config::AppConfig;
use crate::logic::routes::{strip_base, with_base, AppRoute};

/// A mounted app; dropping it or calling `unmount()` removes the app and stops its requests.
#[wasm_bindgen]
pub struct MountHandle {
    mounted: Option<Box<dyn std::any::Any>>,
}

#[wasm_bindgen]
impl MountHandle {
    /// Removes the app from its element; its watches and timers end with it.
    pub fn unmount(&mut self) {
        self.mounted = None;
    }
}

/// Renders the app into `element`. Unknown or missing options take the console's defaults.
#[wasm_bindgen]
pub fn mount(element: web_sys::HtmlElement, options: JsValue) -> MountHandle {
    console_error_panic_hook::set_once();
    let mut config: AppConfig = js_sys::JSON::stringify(&options)
        .ok()
        .and_then(|text| text.as_string())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default();
    config.embedded = true;
    open_active_namespace(&config);
    let mounted = leptos::mount::mount_to(element, move || {
        leptos::view! { <crate::app::App config /> }
    });
    MountHandle {
        mounted: Some(Box::new(mounted)),
    }
}

/// Opening the app at its root shows the console's active namespace, as the console's own
/// pages do.
fn open_active_namespace(config: &AppConfig) {
    let Some(namespace) = config.namespace.clone().filter(|ns| !ns.is_empty()) else {
        return;
    };
    let Some(window) = web_sys::window() else {
        return;
    };
    let path = window.location().pathname().unwrap_or_default();
    let at_root = matches!(
        AppRoute::parse(strip_base(&config.base_path, &path)),
        Some(AppRoute::VmList { namespace: None })
    );
    if at_root {
        let target = with_base(
            &config.base_path,
            &AppRoute::VmList {
                namespace: Some(namespace),
            }
            .path(),
        );
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&target));
        }
    }
}
