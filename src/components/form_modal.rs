//! A dialog holding a small form (Add NIC, Add disk): focus starts on its first input, Tab stays
//! inside, Escape or Cancel closes it, Enter or the primary button submits.

use leptos::html;
use leptos::portal::Portal;
use leptos::prelude::*;

use super::focus_trap::{modal_keydown, return_focus_on_close};

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
    return_focus_on_close();
    let dialog = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        let first_input = dialog
            .get()
            .and_then(|d| d.query_selector("input, select").ok().flatten());
        if let Some(input) =
            first_input.and_then(|i| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(i).ok())
        {
            let _ = input.focus();
        }
    });
    let on_keydown = modal_keydown(dialog, on_cancel);
    view! {
        <Portal>
        <div class="pf-v6-c-backdrop wvm-backdrop" on:keydown=on_keydown>
            <div class="pf-v6-l-bullseye">
                <div node_ref=dialog class="pf-v6-c-modal-box pf-m-md" role="dialog" aria-modal="true" aria-labelledby=title_id>
                    <header class="pf-v6-c-modal-box__header">
                        <h1 class="pf-v6-c-modal-box__title" id=title_id>{title}</h1>
                    </header>
                    <form class="pf-v6-c-form wvm-form-modal__form" novalidate
                        on:submit=move |ev| { ev.prevent_default(); on_submit.run(()); }>
                        <div class="pf-v6-c-modal-box__body wvm-form-modal__body">{children()}</div>
                        <footer class="pf-v6-c-modal-box__footer">
                            <button class="pf-v6-c-button pf-m-primary" type="submit">
                                <span class="pf-v6-c-button__text">{submit_label}</span>
                            </button>
                            <button class="pf-v6-c-button pf-m-link" type="button" on:click=move |_| on_cancel.run(())>
                                <span class="pf-v6-c-button__text">"Cancel"</span>
                            </button>
                        </footer>
                    </form>
                </div>
            </div>
        </div>
        </Portal>
    }
}
