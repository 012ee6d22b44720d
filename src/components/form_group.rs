//! A labelled form input with its helper text or error, in PatternFly's form markup.

use leptos::prelude::*;

use super::icons::{Icon, IconKind};

/// Label, control and a line below it: the error when there is one, else the hint.
#[component]
pub fn FormGroup(
    /// Id of the control inside, for the label.
    id: &'static str,
    /// The label text.
    #[prop(into)]
    label: Signal<&'static str>,
    /// Marks the field as required.
    #[prop(optional)]
    required: bool,
    /// What is wrong with the value, shown in place of the hint.
    #[prop(optional, into)]
    error: MaybeProp<String>,
    /// A hint shown when there is no error.
    #[prop(optional, into)]
    hint: MaybeProp<&'static str>,
    /// The control.
    children: Children,
) -> impl IntoView {
    let helper_id = format!("{id}-helper");
    view! {
        <div class="pf-v6-c-form__group">
            <div class="pf-v6-c-form__group-label">
                <label class="pf-v6-c-form__label" for=id>
                    <span class="pf-v6-c-form__label-text">{label}</span>
                    {required
                        .then(|| {
                            view! {
                                <span class="pf-v6-c-form__label-required" aria-hidden="true">
                                    " *"
                                </span>
                            }
                        })}
                </label>
            </div>
            <div class="pf-v6-c-form__group-control">
                {children()}
                <div
                    class="pf-v6-c-form__helper-text wvm-form-group__helper"
                    id=helper_id
                    aria-live="polite"
                >
                    <div class="pf-v6-c-helper-text">
                        {move || match error.get() {
                            Some(message) => {
                                view! {
                                    <div class="pf-v6-c-helper-text__item pf-m-error">
                                        <span class="pf-v6-c-helper-text__item-icon">
                                            <Icon kind=IconKind::ExclamationCircle />
                                        </span>
                                        <span
                                            class="pf-v6-c-helper-text__item-text"
                                            data-testid=format!("{id}-error")
                                        >
                                            {message}
                                        </span>
                                    </div>
                                }
                                    .into_any()
                            }
                            None => {
                                view! {
                                    <div class="pf-v6-c-helper-text__item">
                                        <span class="pf-v6-c-helper-text__item-text">
                                            {move || hint.get().unwrap_or_default()}
                                        </span>
                                    </div>
                                }
                                    .into_any()
                            }
                        }}
                    </div>
                </div>
            </div>
        </div>
    }
}

/// PatternFly's caret at the end of a `<select>` inside a form control.
#[component]
pub fn SelectCaret() -> impl IntoView {
    view! {
        <span class="pf-v6-c-form-control__utilities">
            <span class="pf-v6-c-form-control__toggle-icon">
                <Icon kind=IconKind::CaretDown />
            </span>
        </span>
    }
}
