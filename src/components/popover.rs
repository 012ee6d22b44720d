//! A click-triggered popover in PatternFly's markup: opening it moves focus inside, Escape or
//! the close button closes it and gives focus back to the button that opened it.

use leptos::html;
use leptos::prelude::*;

use super::button::{Button, ButtonVariant};
use super::icons::{Icon, IconKind};

/// Lets the popover's content close it (before opening a dialog, say). In context inside it.
#[derive(Clone, Copy)]
pub struct PopoverControl {
    pub close: Callback<()>,
}

/// A small icon button that opens a popover below it.
#[component]
pub fn Popover(
    /// Icon of the trigger button.
    icon: IconKind,
    /// Extra class on the trigger, for its colour (`wvm-hint--warning`).
    trigger_class: &'static str,
    /// Accessible name of the trigger button.
    #[prop(into)]
    trigger_label: String,
    /// Title of the popover.
    #[prop(into)]
    title: String,
    /// The popover's body and footer.
    children: ChildrenFn,
) -> impl IntoView {
    let open = RwSignal::new(false);
    // Where the popover sits on screen: fixed below the trigger, so no scrolling container or
    // table clips it.
    let position = RwSignal::new(String::new());
    let trigger = NodeRef::<html::Button>::new();
    let close_button = NodeRef::<html::Button>::new();
    let id = format!("wvm-popover-{}", next_id());
    let title_id = format!("{id}-title");
    let close = move || {
        open.set(false);
        if let Some(button) = trigger.get_untracked() {
            let _ = button.focus();
        }
    };
    provide_context(PopoverControl {
        close: Callback::new(move |_| open.set(false)),
    });
    // Move focus into the popover once it is in the page.
    Effect::new(move |_| {
        if let (true, Some(button)) = (open.get(), close_button.get()) {
            let _ = button.focus();
        }
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            ev.stop_propagation();
            close();
        }
    };

    view! {
        <span class="wvm-popover-anchor">
            <button
                node_ref=trigger
                type="button"
                class=format!("pf-v6-c-button pf-m-plain wvm-popover-trigger {trigger_class}")
                aria-label=trigger_label
                aria-haspopup="dialog"
                aria-expanded=move || open.get().to_string()
                aria-controls=id.clone()
                on:click=move |_| {
                    if let Some(button) = trigger.get_untracked() {
                        let rect = button.get_bounding_client_rect();
                        position
                            .set(
                                format!(
                                    "top: {}px; left: {}px;",
                                    rect.bottom() + 8.0,
                                    (rect.left() - 24.0).max(8.0),
                                ),
                            );
                    }
                    open.update(|o| *o = !*o);
                }
            >
                <span class="pf-v6-c-button__icon">
                    <Icon kind=icon />
                </span>
            </button>
            <Show when=move || open.get()>
                <div
                    class="pf-v6-c-popover pf-m-bottom wvm-popover"
                    id=id.clone()
                    role="dialog"
                    style=move || position.get()
                    aria-modal="false"
                    aria-labelledby=title_id.clone()
                    on:keydown=on_keydown
                >
                    <div class="pf-v6-c-popover__arrow"></div>
                    <div class="pf-v6-c-popover__content">
                        <div class="pf-v6-c-popover__close">
                            <Button
                                variant=ButtonVariant::Plain
                                node_ref=close_button
                                aria_label="Close"
                                icon=IconKind::Times
                                on_click=Callback::new(move |_| close())
                            />
                        </div>
                        <header class="pf-v6-c-popover__header">
                            <div class="pf-v6-c-popover__title">
                                <h2 class="pf-v6-c-popover__title-text" id=title_id.clone()>
                                    {title.clone()}
                                </h2>
                            </div>
                        </header>
                        {children()}
                    </div>
                </div>
            </Show>
        </span>
    }
}

/// A number unique within the page, for element ids.
fn next_id() -> usize {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}
