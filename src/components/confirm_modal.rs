//! A small confirmation dialog: focus starts on Cancel, Escape cancels, and the confirm button
//! is disabled while the action runs.

use leptos::html;
use leptos::prelude::*;

use super::button::{Button, ButtonVariant};
use super::modal::{FocusStart, Modal, ModalSize};

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
    let cancel_button = NodeRef::<html::Button>::new();
    let confirm_variant = if danger {
        ButtonVariant::Danger
    } else {
        ButtonVariant::Primary
    };
    view! {
        <Modal
            title
            size=ModalSize::Small
            focus=FocusStart::Button(cancel_button)
            on_close=on_cancel
        >
            <div class="pf-v6-c-modal-box__body">{children()}</div>
            <footer class="pf-v6-c-modal-box__footer">
                <Button variant=confirm_variant disabled=pending on_click=on_confirm>
                    {confirm_label}
                </Button>
                <Button variant=ButtonVariant::Link node_ref=cancel_button on_click=on_cancel>
                    "Cancel"
                </Button>
            </footer>
        </Modal>
    }
}
