//! A dialog holding a small form (Add NIC, Add disk): focus starts on its first input, Tab stays
//! inside, Escape or Cancel closes it, Enter or the primary button submits.

use leptos::prelude::*;

use super::button::{Button, ButtonType, ButtonVariant};
use super::modal::Modal;

/// A modal form.
#[component]
pub fn FormModal(
    /// The dialog's title.
    title: &'static str,
    /// Id of the title, for `aria-labelledby`.
    title_id: &'static str,
    /// The submit button's text.
    submit_label: &'static str,
    /// Called on submit; the caller closes the dialog when the form is valid.
    on_submit: Callback<()>,
    on_cancel: Callback<()>,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <Modal title title_id on_close=on_cancel>
            <form
                class="pf-v6-c-form wvm-form-modal__form"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    on_submit.run(());
                }
            >
                <div class="pf-v6-c-modal-box__body wvm-form-modal__body">{children()}</div>
                <footer class="pf-v6-c-modal-box__footer">
                    <Button button_type=ButtonType::Submit>{submit_label}</Button>
                    <Button variant=ButtonVariant::Link on_click=on_cancel>
                        "Cancel"
                    </Button>
                </footer>
            </form>
        </Modal>
    }
}
