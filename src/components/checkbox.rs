//! A labelled checkbox in PatternFly's check markup, with an optional line of help below.

use leptos::prelude::*;

#[component]
pub fn Checkbox(
    id: &'static str,
    /// The label text.
    #[prop(into)]
    label: String,
    #[prop(into)] checked: Signal<bool>,
    on_change: Callback<bool>,
    /// A line below the label.
    #[prop(optional, into)]
    help: Option<String>,
) -> impl IntoView {
    let help_id = format!("{id}-help");
    let described = help.is_some().then(|| help_id.clone());
    view! {
        <div class="pf-v6-c-check">
            <input
                class="pf-v6-c-check__input"
                type="checkbox"
                id=id
                aria-describedby=described
                prop:checked=move || checked.get()
                on:change=move |ev| on_change.run(event_target_checked(&ev))
            />
            <label class="pf-v6-c-check__label" for=id>
                {label}
            </label>
            {help
                .map(|help| {
                    view! {
                        <span class="pf-v6-c-check__description" id=help_id>
                            {help}
                        </span>
                    }
                })}
        </div>
    }
}
