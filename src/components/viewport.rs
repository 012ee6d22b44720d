//! Follows where a table body is on screen while the page scrolls or resizes, whichever element
//! does the scrolling (our page, or the console around us).

use leptos::html;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::logic::row_window::Viewport;

/// The body's place on screen, measured again on every scroll and resize.
pub fn track_viewport(body: NodeRef<html::Tbody>) -> ReadSignal<Viewport> {
    let viewport = RwSignal::new(Viewport::default());
    let measure = move || {
        if let Some(measured) = body.get_untracked().and_then(|el| measure(&el)) {
            if viewport.get_untracked() != measured {
                viewport.set(measured);
            }
        }
    };
    // Once drawn, measure the real rows.
    Effect::new(move |_| {
        if body.get().is_some() {
            measure();
        }
    });
    let listener = Closure::<dyn Fn()>::new(measure);
    if let Some(window) = web_sys::window() {
        let callback = listener.as_ref().unchecked_ref();
        // Scroll events do not bubble; capturing them at the document sees every scroller.
        if let Some(document) = window.document() {
            let _ = document.add_event_listener_with_callback_and_bool("scroll", callback, true);
        }
        let _ = window.add_event_listener_with_callback("resize", callback);
        let listener = SendWrapper::new(listener);
        on_cleanup(move || {
            if let Some(window) = web_sys::window() {
                let callback = listener.as_ref().unchecked_ref();
                if let Some(document) = window.document() {
                    let _ = document
                        .remove_event_listener_with_callback_and_bool("scroll", callback, true);
                }
                let _ = window.remove_event_listener_with_callback("resize", callback);
            }
        });
    }
    viewport.read_only()
}

fn measure(body: &web_sys::HtmlTableSectionElement) -> Option<Viewport> {
    let height = web_sys::window()?.inner_height().ok()?.as_f64()?;
    let row_height = body
        .query_selector("tr:not(.wvm-spacer-row)")
        .ok()
        .flatten()
        .and_then(|row| row.dyn_into::<web_sys::HtmlElement>().ok())
        .map(|row| f64::from(row.offset_height()))
        .filter(|h| *h > 0.0)
        .unwrap_or(Viewport::default().row_height);
    Some(Viewport {
        body_top: body.get_bounding_client_rect().top(),
        height,
        row_height,
    })
}
