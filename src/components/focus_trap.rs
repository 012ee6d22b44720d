//! Keeps Tab inside a modal dialog: from its last control Tab goes to its first, and Shift+Tab
//! from its first to its last, so keyboard users cannot wander behind the backdrop; and closes
//! the dialog on Escape.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What can take focus inside a dialog.
const FOCUSABLE: &str = "button:not([disabled]), select:not([disabled]), input:not([disabled]), \
    textarea:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

/// Handles a keydown inside `dialog`: wraps Tab around its controls.
pub fn keep_tab_inside(ev: &web_sys::KeyboardEvent, dialog: &web_sys::Element) {
    if ev.key() != "Tab" {
        return;
    }
    let Ok(found) = dialog.query_selector_all(FOCUSABLE) else {
        return;
    };
    let controls: Vec<web_sys::HtmlElement> = (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
        return;
    };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let is = |element: &web_sys::HtmlElement| {
        active
            .as_ref()
            .is_some_and(|a| a == element.unchecked_ref::<web_sys::Element>())
    };
    let inside = active.as_ref().is_some_and(|a| dialog.contains(Some(a)));
    let target = match (ev.shift_key(), inside) {
        (_, false) => Some(first),
        (false, true) if is(last) => Some(first),
        (true, true) if is(first) || active.as_ref().is_some_and(|a| a == dialog) => Some(last),
        _ => None,
    };
    if let Some(target) = target {
        ev.prevent_default();
        let _ = target.focus();
    }
}

/// The keydown handler of a modal whose box is `dialog`: Escape calls `on_close`, Tab stays
/// inside.
pub fn modal_keydown(
    dialog: NodeRef<leptos::html::Div>,
    on_close: Callback<()>,
) -> impl Fn(leptos::ev::KeyboardEvent) + Copy + 'static {
    move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            on_close.run(());
        } else if let Some(dialog) = dialog.get_untracked() {
            keep_tab_inside(&ev, &dialog);
        }
    }
}

/// Gives focus back, when the calling dialog closes, to what had it when the dialog opened (the
/// button that opened it), if that is still in the page.
pub fn return_focus_on_close() {
    let opener = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        .map(send_wrapper::SendWrapper::new);
    on_cleanup(move || {
        if let Some(opener) = opener {
            if opener.is_connected() {
                let _ = opener.focus();
            }
        }
    });
}
