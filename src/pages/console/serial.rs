//! The serial console: the guest's first serial port as a terminal (text in, keys out), with
//! scrollback, Copy, and the key encoding of Windows' Special Administration Console.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::ev::{ClipboardEvent, KeyboardEvent};
use leptos::prelude::*;

use super::link::{ConsoleLink, Received};
use super::status::ConnectionStatus;
use super::toolbar::NewWindowLink;
use crate::components::{Button, ButtonVariant};
use crate::context::use_client;
use crate::logic::console::{is_release_key, ConsoleKind, RELEASE_KEY_LABEL};
use crate::logic::terminal::{
    key_bytes, palette_rgb, Color, KeyMode, Line, Style, Terminal, DEFAULT_SCROLLBACK,
};
use crate::model::ObjectRef;

const COLUMNS: usize = 80;
const ROWS: usize = 24;

/// The serial console of one running VMI.
#[component]
pub fn SerialConsole(
    vmi: ObjectRef,
    /// A link to open the console in a window of its own, where there is not one already.
    new_window_href: Option<String>,
) -> impl IntoView {
    let terminal = Rc::new(RefCell::new(Terminal::new(COLUMNS, ROWS)));
    let stored = StoredValue::new_local(terminal.clone());
    let generation = RwSignal::new(0_u64);
    // Bumped only when the scrollback changed: rebuilding its text on every keystroke's echo
    // would copy up to 5,000 lines each time.
    let history_version = RwSignal::new(0_u64);
    let sac_keys = RwSignal::new(false);
    let copied = RwSignal::new(false);
    let on_open = {
        let terminal = terminal.clone();
        Box::new(move || {
            terminal.borrow_mut().reset();
            true
        })
    };
    let on_bytes = Box::new(move |bytes: &[u8]| {
        let (now, replies, history_moved) = {
            let mut terminal = terminal.borrow_mut();
            let before = terminal.scrollback_len();
            terminal.feed(bytes);
            // Below its limit the scrollback only grows or is cleared, so an unchanged length
            // means unchanged lines; at the limit every scroll drops the oldest line.
            let after = terminal.scrollback_len();
            let moved = after != before || after >= DEFAULT_SCROLLBACK;
            (terminal.generation(), terminal.take_replies(), moved)
        };
        // Set after the borrow ends: the view reads the terminal when told.
        generation.set(now);
        if history_moved {
            history_version.update(|v| *v = v.wrapping_add(1));
        }
        Ok(Received {
            reply: replies,
            ready: true,
        })
    });
    let link = ConsoleLink::start(
        use_client(),
        vmi.clone(),
        ConsoleKind::Serial,
        true,
        on_open,
        on_bytes,
    );
    let on_keydown = move |ev: KeyboardEvent| {
        if is_release_key(&ev.code(), ev.shift_key(), ev.ctrl_key(), ev.alt_key()) {
            // Leave it to the browser: focus moves on with Tab from here.
            return;
        }
        let mode = if sac_keys.get_untracked() {
            KeyMode::Vt100Plus
        } else {
            stored.with_value(|t| t.borrow().key_mode())
        };
        let bytes = key_bytes(
            &ev.key(),
            &ev.code(),
            ev.ctrl_key(),
            ev.alt_key(),
            ev.shift_key(),
            ev.meta_key(),
            mode,
        );
        if let Some(bytes) = bytes {
            let bytes: Vec<u8> = bytes;
            ev.prevent_default();
            link.send(&bytes);
        }
    };
    let on_paste = move |ev: ClipboardEvent| {
        let text = ev
            .clipboard_data()
            .and_then(|data| data.get_data("text/plain").ok());
        if let Some(text) = text {
            ev.prevent_default();
            link.send(&stored.with_value(|t| t.borrow().paste(&text)));
        }
    };
    let copy = Callback::new(move |_| {
        let text = stored.with_value(|t| t.borrow().text());
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().clipboard().write_text(&text);
            copied.set(true);
        }
    });
    let screen_lines = move || {
        generation.track();
        stored.with_value(|t| {
            let t = t.borrow();
            let cursor = t.cursor();
            t.lines()
                .enumerate()
                .map(|(row, line)| {
                    let at = (cursor.visible && cursor.row == row).then_some(cursor.col);
                    view! { <div class="wvm-terminal__row">{render_line(line, at)}</div> }
                })
                .collect_view()
        })
    };
    let history = move || {
        history_version.track();
        stored.with_value(|t| {
            let t = t.borrow();
            let mut text = String::new();
            for line in t.scrollback() {
                for span in line {
                    text.push_str(&span.text);
                }
                text.push('\n');
            }
            text
        })
    };
    view! {
        <div class="wvm-console" data-testid="serial-console">
            <div class="wvm-console__toolbar" role="toolbar" aria-label="Serial console controls">
                <ConnectionStatus link />
                <Button variant=ButtonVariant::Secondary on_click=copy>
                    {move || if copied.get() { "Copied" } else { "Copy all text" }}
                </Button>
                <label class="wvm-console__field wvm-console__check">
                    <input
                        type="checkbox"
                        prop:checked=move || sac_keys.get()
                        on:change=move |ev| sac_keys.set(event_target_checked(&ev))
                    />
                    <span>"Windows SAC keys (VT100+)"</span>
                </label>
                <NewWindowLink href=new_window_href />
            </div>
            <p class="wvm-console__hint" id="wvm-serial-hint">
                {format!(
                    "Click the terminal or move to it with Tab to type. Press {RELEASE_KEY_LABEL} and then Tab to leave it.",
                )}
            </p>
            <div
                class="wvm-terminal"
                tabindex="0"
                role="log"
                aria-label=format!("Serial console of virtual machine {}", vmi.name)
                aria-describedby="wvm-serial-hint"
                data-testid="serial-screen"
                on:keydown=on_keydown
                on:paste=on_paste
            >
                <pre class="wvm-terminal__history">{history}</pre>
                <div class="wvm-terminal__screen">{screen_lines}</div>
            </div>
        </div>
    }
}

/// One row as styled spans; `cursor` is the column the cursor is drawn on, if on this row.
fn render_line(line: Line, cursor: Option<usize>) -> impl IntoView {
    let mut column = 0;
    let mut parts = Vec::with_capacity(line.len() + 1);
    let mut cursor_drawn = false;
    for span in line {
        let width = span.text.chars().count();
        match cursor.filter(|c| (column..column + width).contains(c)) {
            Some(at) => {
                let split = at - column;
                let before: String = span.text.chars().take(split).collect();
                let under: String = span.text.chars().skip(split).take(1).collect();
                let after: String = span.text.chars().skip(split + 1).collect();
                parts.push(styled(before, span.style, false));
                parts.push(styled(under, span.style, true));
                parts.push(styled(after, span.style, false));
                cursor_drawn = true;
            }
            None => parts.push(styled(span.text, span.style, false)),
        }
        column += width;
    }
    if let Some(at) = cursor.filter(|_| !cursor_drawn) {
        parts.push(styled(
            " ".repeat(at.saturating_sub(column)),
            Style::default(),
            false,
        ));
        parts.push(styled(" ".to_owned(), Style::default(), true));
    }
    parts.collect_view()
}

fn styled(text: String, style: Style, cursor: bool) -> impl IntoView {
    let (fg, bg) = if style.inverse != cursor {
        (style.bg, style.fg)
    } else {
        (style.fg, style.bg)
    };
    let mut css = String::new();
    if let Color::Indexed(index) = fg {
        css.push_str(&format!("color:{};", rgb(index)));
    } else if style.inverse != cursor {
        css.push_str("color:var(--wvm-terminal-bg);");
    }
    if let Color::Indexed(index) = bg {
        css.push_str(&format!("background:{};", rgb(index)));
    } else if style.inverse != cursor {
        css.push_str("background:var(--wvm-terminal-fg);");
    }
    view! {
        <span
            style=css
            class:wvm-terminal__bold=style.bold
            class:wvm-terminal__underline=style.underline
            class:wvm-terminal__cursor=cursor
        >
            {text}
        </span>
    }
}

fn rgb(index: u8) -> String {
    let [r, g, b] = palette_rgb(index);
    format!("#{r:02x}{g:02x}{b:02x}")
}
