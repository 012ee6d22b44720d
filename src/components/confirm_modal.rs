//! A small confirmation dialog in PatternFly's modal markup: focus starts on Cancel, Escape
//! cancels, and the confirm button is disabled while the action runs.

use leptos::html;
use leptos::portal::Portal;
use leptos::prelude::*;

use super::focus_trap::{modal_keydown, return_focus_on_close};

/// Asks the user to confirm an action.
#[component]
pub fn ConfirmModal(
    /// The question, as the dialog's title.
    #[prop(into)]
    title: String,
    /// The confirm button's text.
    confirm_label: &'static str,
    /// Whether the action destroys something (a red button).
    #[prop(optional)]
    danger: bool,
    /// Whether the action is running.
    #[prop(into)]
    pending: Signal<bool>,
    /// Called when the user confirms.
    on_confirm: Callback<()>,
    /// Called when the user cancels.
    on_cancel: Callback<()>,
    /// What will happen, in a sentence or two.
    children: ChildrenFn,
) -> impl IntoView {
    return_focus_on_close();
    let cancel_button = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if let Some(button) = cancel_button.get() {
            let _ = button.focus();
        }
    });
    let dialog = NodeRef::<html::Div>::new();
    let on_keydown = modal_keydown(dialog, on_cancel);
    let confirm_class = if danger {
        "pf-v6-c-button pf-m-danger"
    } else {
        "pf-v6-c-button pf-m-primary"
    };
    // In the body, above every layer of the page (and of the console around it).
    view! {
        <Portal>
        <div class="pf-v6-c-backdrop wvm-backdrop" on:keydown=on_keydown>
            <div class="pf-v6-l-bullseye">
                <div node_ref=dialog class="pf-v6-c-modal-box pf-m-sm" role="dialog" aria-modal="true" aria-labelledby="wvm-confirm-title">
                    <header class="pf-v6-c-modal-box__header">
                        <h1 class="pf-v6-c-modal-box__title" id="wvm-confirm-title">{title.clone()}</h1>
                    </header>
                    <div class="pf-v6-c-modal-box__body">{children()}</div>
                    <footer class="pf-v6-c-modal-box__footer">
                        <button class=confirm_class type="button" disabled=move || pending.get() on:click=move |_| on_confirm.run(())>
                            <span class="pf-v6-c-button__text">{confirm_label}</span>
                        </button>
                        <button node_ref=cancel_button class="pf-v6-c-button pf-m-link" type="button" on:click=move |_| on_cancel.run(())>
                            <span class="pf-v6-c-button__text">"Cancel"</span>
                        </button>
                    </footer>
                </div>
            </div>
        </div>
        </Portal>
    }
}
