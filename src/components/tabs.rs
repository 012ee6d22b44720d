//! A row of tabs in PatternFly's markup; the page shows the panel of the selected one.

use leptos::prelude::*;

/// Tab buttons bound to `selected` (an index into `labels`). Arrow keys move between tabs.
#[component]
pub fn TabBar(
    /// What the tabs are about, for assistive technology.
    label: &'static str,
    /// The tabs' titles.
    labels: &'static [&'static str],
    /// The selected tab.
    selected: RwSignal<usize>,
) -> impl IntoView {
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let last = labels.len().saturating_sub(1);
        match ev.key().as_str() {
            "ArrowRight" => selected.update(|i| *i = if *i >= last { 0 } else { *i + 1 }),
            "ArrowLeft" => selected.update(|i| *i = if *i == 0 { last } else { *i - 1 }),
            _ => return,
        }
        focus_tab(selected.get_untracked());
    };
    view! {
        <div class="pf-v6-c-tabs wvm-tabs" aria-label=label>
            <ul class="pf-v6-c-tabs__list" role="tablist" on:keydown=on_keydown>
                {labels
                    .iter()
                    .enumerate()
                    .map(|(index, text)| {
                        let current = move || selected.get() == index;
                        view! {
                            <li
                                class="pf-v6-c-tabs__item"
                                class:pf-m-current=current
                                role="presentation"
                            >
                                <button
                                    class="pf-v6-c-tabs__link"
                                    type="button"
                                    role="tab"
                                    id=tab_id(index)
                                    aria-selected=move || current().to_string()
                                    aria-controls=panel_id(index)
                                    tabindex=move || if current() { "0" } else { "-1" }
                                    on:click=move |_| selected.set(index)
                                >
                                    <span class="pf-v6-c-tabs__item-text">{*text}</span>
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// The id of a tab button, for its panel's `aria-labelledby`.
pub fn tab_id(index: usize) -> String {
    format!("wvm-tab-{index}")
}

/// The id of a tab panel.
pub fn panel_id(index: usize) -> String {
    format!("wvm-tab-panel-{index}")
}

fn focus_tab(index: usize) {
    use wasm_bindgen::JsCast;
    if let Some(button) = document()
        .get_element_by_id(&tab_id(index))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = button.focus();
    }
}
