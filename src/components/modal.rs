//! The one modal dialog shell in PatternFly's markup: portal, backdrop, titled box, focus that
//! starts where the caller says, stays inside, and goes back to the opener on close; Escape
//! closes.

use std::sync::atomic::{AtomicUsize, Ordering};

use leptos::html;
use leptos::portal::Portal;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::focus_trap::{modal_keydown, return_focus_on_close};

/// How wide the box is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ModalSize {
    Small,
    #[default]
    Medium,
    Large,
}

impl ModalSize {
    fn class(self) -> &'static str {
        match self {
            Self::Small => "pf-v6-c-modal-box pf-m-sm",
            Self::Medium => "pf-v6-c-modal-box pf-m-md",
            Self::Large => "pf-v6-c-modal-box pf-m-lg",
        }
    }
}

/// Where focus goes when the dialog opens.
#[derive(Clone, Copy, Debug, Default)]
pub enum FocusStart {
    /// The first input or select: a form is filled in at once.
    #[default]
    FirstInput,
    /// A given button, such as Cancel in a confirmation, so Enter does no harm.
    Button(NodeRef<html::Button>),
    /// The box itself, while its content may still be loading.
    Dialog,
}

/// A fresh id for a title, so two dialogs never share one.
fn next_title_id() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    format!("wvm-modal-title-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// Moves focus to where `start` says, inside `dialog`.
fn focus_start(dialog: &web_sys::HtmlElement, start: FocusStart) {
    let target = match start {
        FocusStart::FirstInput => dialog
            .query_selector("input, select")
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()),
        FocusStart::Button(button) => button.get().map(|b| b.unchecked_into()),
        FocusStart::Dialog => Some(dialog.clone()),
    };
    if let Some(target) = target {
        let _ = target.focus();
    }
}

/// A modal dialog. Its children are the body and footer (`pf-v6-c-modal-box__body`,
/// `__footer`), or a form holding them.
#[component]
pub fn Modal(
    /// The dialog's title, its accessible name.
    #[prop(into)]
    title: String,
    /// A line under the title, its accessible description.
    #[prop(optional, into)]
    description: Option<String>,
    /// Id of the title; a fresh one when not given.
    #[prop(optional)]
    title_id: Option<&'static str>,
    #[prop(optional)] size: ModalSize,
    /// Where focus starts.
    #[prop(optional)]
    focus: FocusStart,
    /// Called on Escape; the caller closes the dialog.
    on_close: Callback<()>,
    children: ChildrenFn,
) -> impl IntoView {
    return_focus_on_close();
    let title_id = title_id.map_or_else(next_title_id, str::to_owned);
    let description_id = description
        .as_ref()
        .map(|_| format!("{title_id}-description"));
    let dialog = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get() {
            focus_start(&dialog, focus);
        }
    });
    let on_keydown = modal_keydown(dialog, on_close);
    let tabindex = matches!(focus, FocusStart::Dialog).then_some("-1");
    // In the body, above every layer of the page (and of the console around it).
    view! {
        <Portal>
            <div class="pf-v6-c-backdrop wvm-backdrop" on:keydown=on_keydown>
                <div class="pf-v6-l-bullseye">
                    <div
                        node_ref=dialog
                        tabindex=tabindex
                        class=size.class()
                        role="dialog"
                        aria-modal="true"
                        aria-labelledby=title_id.clone()
                        aria-describedby=description_id.clone()
                    >
                        <header class="pf-v6-c-modal-box__header">
                            <h1 class="pf-v6-c-modal-box__title" id=title_id.clone()>
                                {title.clone()}
                            </h1>
                            {description
                                .clone()
                                .map(|text| {
                                    view! {
                                        <p
                                            class="pf-v6-c-modal-box__description"
                                            id=description_id.clone()
                                        >
                                            {text}
                                        </p>
                                    }
                                })}
                        </header>
                        {children()}
                    </div>
                </div>
            </div>
        </Portal>
    }
}
