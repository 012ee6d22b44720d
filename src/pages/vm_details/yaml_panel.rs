//! The VM's YAML, read-only, as the server stores it, with a copy button.

use leptos::prelude::*;

use crate::components::{Button, ButtonVariant};
use crate::logic::yaml::to_yaml;

/// The YAML of the VM and a button that copies it.
#[component]
pub fn YamlPanel(raw: serde_json::Value) -> impl IntoView {
    let text = to_yaml(&raw);
    let feedback = RwSignal::new("");
    let copy = {
        let text = text.clone();
        Callback::new(move |_| {
            let text = text.clone();
            leptos::task::spawn_local(async move {
                let copied = match web_sys::window().map(|w| w.navigator().clipboard()) {
                    Some(clipboard) => {
                        wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text))
                            .await
                            .is_ok()
                    }
                    None => false,
                };
                feedback.set(if copied {
                    "Copied"
                } else {
                    "Could not copy: select the text instead"
                });
            });
        })
    };
    view! {
        <div class="wvm-yaml">
            <div class="wvm-yaml__toolbar">
                <Button variant=ButtonVariant::Secondary small=true on_click=copy>
                    "Copy YAML"
                </Button>
                <span class="wvm-yaml__feedback" role="status">
                    {move || feedback.get()}
                </span>
            </div>
            <pre
                class="wvm-manifest__code"
                data-testid="vm-yaml"
                tabindex="0"
                aria-label="YAML of the virtual machine"
            >
                {text}
            </pre>
        </div>
    }
}
