//! A small live picture of the guest's screen for the Overview. It only looks: no input, and it
//! never takes the console from someone using it (it asks KubeVirt to preserve their session).

use std::rc::Rc;

use leptos::html;
use leptos::prelude::*;

use super::screen::{Screen, ScreenInfo};
use super::vnc::start_screen;
use crate::components::{Button, ButtonVariant};
use crate::logic::console::Connection;
use crate::model::ObjectRef;

/// The preview, with a button that opens the console itself.
#[component]
pub fn ConsolePreview(vmi: ObjectRef, on_open: Callback<()>) -> impl IntoView {
    let canvas = NodeRef::<html::Canvas>::new();
    let screen = StoredValue::new_local(None::<Rc<Screen>>);
    let info = RwSignal::new(None::<ScreenInfo>);
    let link = start_screen(vmi.clone(), canvas, screen, info, false);
    let state = link.state();
    let note = move || match state.get() {
        Connection::Connected => None,
        Connection::Connecting => Some("Connecting…".to_owned()),
        Connection::Retrying { reason, .. } | Connection::Disconnected { reason } => Some(reason),
    };
    view! {
        <section class="pf-v6-c-page__main-section" aria-labelledby="wvm-preview-title">
            <h2 class="pf-v6-c-title pf-m-lg" id="wvm-preview-title">
                "Console"
            </h2>
            <div class="wvm-console-preview">
                <canvas
                    node_ref=canvas
                    class="wvm-console-preview__screen"
                    role="img"
                    aria-label=format!("Live picture of the screen of {}", vmi.name)
                    data-testid="console-preview"
                ></canvas>
                <p class="wvm-console-preview__note" data-testid="console-preview-note">
                    {note}
                </p>
                <Button variant=ButtonVariant::Secondary on_click=on_open>
                    "Open console"
                </Button>
            </div>
        </section>
    }
}
