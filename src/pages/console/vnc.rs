//! The VNC console: the guest's screen on a canvas, the keyboard and mouse sent to it while the
//! canvas has focus (Shift+Esc gives focus back to the page), and the toolbar around it.

use std::rc::Rc;

use leptos::ev::{KeyboardEvent, MouseEvent, WheelEvent};
use leptos::html;
use leptos::prelude::*;

use super::link::{ConsoleLink, Received};
use super::screen::{Screen, ScreenInfo};
use super::status::ConnectionStatus;
use super::toolbar::{LayoutSelect, NewWindowLink, PasteText, ScaleSelect, SendKeyMenu};
use crate::context::use_client;
use crate::logic::console::{
    guest_point, is_release_key, pointer_buttons, wheel_clicks, ConsoleKind, HeldKeys, Scale,
    RELEASE_KEY_LABEL,
};
use crate::logic::rfb::{keys, KeyAction, RfbClient};
use crate::model::ObjectRef;

/// The screen of one running VMI, with its controls.
#[component]
pub fn VncConsole(
    vmi: ObjectRef,
    /// A link to open the console in a window of its own, where there is not one already.
    new_window_href: Option<String>,
) -> impl IntoView {
    let canvas = NodeRef::<html::Canvas>::new();
    let toolbar = NodeRef::<html::Div>::new();
    let screen = StoredValue::new_local(None::<Rc<Screen>>);
    let info = RwSignal::new(None::<ScreenInfo>);
    let layout = RwSignal::new(super::toolbar::stored_layout());
    let scale = RwSignal::new(Scale::Fit);
    let focused = RwSignal::new(false);
    let held = StoredValue::new(HeldKeys::default());
    let link = start_screen(vmi.clone(), canvas, screen, info, true);

    let send = move |message: &dyn Fn(&RfbClient) -> Vec<u8>| {
        if let Some(screen) = screen.get_value() {
            link.send(&screen.with_client(message));
        }
    };
    let send_actions = Callback::new(move |actions: Vec<KeyAction>| {
        for action in actions {
            send(&|c| c.key(action.key, action.down));
        }
    });
    let release_all = move || {
        for key in held
            .try_update_value(HeldKeys::release_all)
            .unwrap_or_default()
        {
            send(&|c| c.key(key, false));
        }
    };
    let on_keydown = move |ev: KeyboardEvent| {
        ev.prevent_default();
        if is_release_key(&ev.code(), ev.shift_key(), ev.ctrl_key(), ev.alt_key()) {
            release_all();
            focus_first_control(toolbar);
            return;
        }
        let Some(key) = keys::from_event(&ev.key(), &ev.code()) else {
            return;
        };
        held.update_value(|h| h.press(&ev.code(), key));
        send(&|c| c.key(key, true));
    };
    let on_keyup = move |ev: KeyboardEvent| {
        ev.prevent_default();
        if let Some(key) = held.try_update_value(|h| h.release(&ev.code())).flatten() {
            send(&|c| c.key(key, false));
        }
    };
    let point = move |ev: &MouseEvent| -> Option<(u16, u16)> {
        let element = canvas.get_untracked()?;
        let size = info.with_untracked(|i| i.as_ref().map(|i| (i.width, i.height)))?;
        let rect = element.get_bounding_client_rect();
        let at = (
            f64::from(ev.client_x()) - rect.left(),
            f64::from(ev.client_y()) - rect.top(),
        );
        Some(guest_point(at, (rect.width(), rect.height()), size))
    };
    let on_pointer = move |ev: MouseEvent| {
        if let Some((x, y)) = point(&ev) {
            let buttons = pointer_buttons(ev.buttons());
            send(&|c| c.pointer(x, y, buttons));
        }
    };
    let on_wheel = move |ev: WheelEvent| {
        ev.prevent_default();
        let Some((x, y)) = point(&ev) else { return };
        let held_buttons = pointer_buttons(ev.buttons());
        let (wheel, notches) = wheel_clicks(ev.delta_y());
        for _ in 0..notches {
            send(&|c| c.pointer(x, y, held_buttons | wheel));
            send(&|c| c.pointer(x, y, held_buttons));
        }
    };
    let label = format!(
        "Screen of virtual machine {}. Press {RELEASE_KEY_LABEL} to leave it.",
        vmi.name
    );
    let size_text = move || {
        info.get()
            .map(|i| format!("{}x{}", i.width, i.height))
            .unwrap_or_default()
    };
    view! {
        <div class="wvm-console" data-testid="vnc-console">
            <div
                class="wvm-console__toolbar"
                role="toolbar"
                aria-label="Console controls"
                node_ref=toolbar
            >
                <ConnectionStatus link />
                <SendKeyMenu on_send=send_actions />
                <PasteText layout on_type=send_actions connected=link.state() />
                <LayoutSelect layout />
                <ScaleSelect scale />
                <NewWindowLink href=new_window_href />
                <span class="wvm-console__size" data-testid="console-size">
                    {size_text}
                </span>
            </div>
            <p class="wvm-console__hint" id="wvm-console-hint" aria-live="polite">
                {move || {
                    if focused.get() {
                        format!(
                            "Keyboard and mouse go to the virtual machine. Press {RELEASE_KEY_LABEL} to leave the screen.",
                        )
                    } else {
                        "Click the screen or move to it with Tab to type into the virtual machine."
                            .to_owned()
                    }
                }}
            </p>
            <div
                class="wvm-console__viewport"
                class:wvm-console__viewport--actual=move || scale.get() == Scale::Actual
            >
                <canvas
                    node_ref=canvas
                    class="wvm-console__screen"
                    tabindex="0"
                    role="application"
                    aria-label=label
                    aria-describedby="wvm-console-hint"
                    data-testid="console-screen"
                    on:focus=move |_| focused.set(true)
                    on:blur=move |_| {
                        focused.set(false);
                        release_all();
                    }
                    on:keydown=on_keydown
                    on:keyup=on_keyup
                    on:mousemove=on_pointer
                    // The browser focuses the canvas itself (it has a tabindex), without scrolling.
                    on:mousedown=on_pointer
                    on:mouseup=on_pointer
                    on:wheel=on_wheel
                    on:contextmenu=|ev: MouseEvent| ev.prevent_default()
                ></canvas>
            </div>
        </div>
    }
}

/// Connects the canvas to the VMI's VNC console: each connection starts a fresh RFB session
/// on the same canvas. `take_over` as in [`ConsoleLink::start`].
pub fn start_screen(
    vmi: ObjectRef,
    canvas: NodeRef<html::Canvas>,
    screen: StoredValue<Option<Rc<Screen>>, LocalStorage>,
    info: RwSignal<Option<ScreenInfo>>,
    take_over: bool,
) -> ConsoleLink {
    let on_open = Box::new(move || {
        if let Some(screen) = screen.get_value() {
            screen.restart();
        }
        false
    });
    let on_bytes = Box::new(move |bytes: &[u8]| {
        let current = match screen.get_value() {
            Some(current) => current,
            None => {
                let element = canvas
                    .get_untracked()
                    .ok_or_else(|| "The screen is not on the page.".to_owned())?;
                let created = Rc::new(
                    Screen::new(element)
                        .ok_or_else(|| "This browser cannot draw the screen.".to_owned())?,
                );
                screen.set_value(Some(created.clone()));
                created
            }
        };
        let (reply, size) = current.receive(bytes)?;
        if size.is_some() {
            info.set(size);
        }
        Ok(Received {
            reply,
            ready: current.ready(),
        })
    });
    ConsoleLink::start(
        use_client(),
        vmi,
        ConsoleKind::Vnc,
        take_over,
        on_open,
        on_bytes,
    )
}

/// Moves focus to the first control of the toolbar, for the release key.
fn focus_first_control(toolbar: NodeRef<html::Div>) {
    let first = toolbar
        .get_untracked()
        .and_then(|bar| bar.query_selector("button, select, a[href]").ok().flatten());
    if let Some(element) = first.and_then(|e| {
        use wasm_bindgen::JsCast;
        e.dyn_into::<web_sys::HtmlElement>().ok()
    }) {
        let _ = element.focus();
    }
}
