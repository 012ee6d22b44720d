//! A kebab (⋮) button that opens a menu of actions, in PatternFly's menu markup.

use leptos::prelude::*;

/// One entry of the menu.
#[derive(Clone)]
pub struct MenuAction {
    pub label: &'static str,
    pub enabled: bool,
    pub on_select: Callback<()>,
}

/// Actions for one object behind a ⋮ button. Escape or choosing an action closes it.
#[component]
pub fn KebabMenu(
    /// Accessible name of the button ("Actions for win11").
    #[prop(into)]
    label: String,
    /// The entries.
    actions: Vec<MenuAction>,
    /// Text on the button instead of the ⋮ (a menu such as "Send key").
    #[prop(optional)]
    text: Option<&'static str>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let position = RwSignal::new(String::new());
    let trigger = NodeRef::<leptos::html::Button>::new();
    let actions = StoredValue::new(actions);
    let close = move || {
        open.set(false);
        if let Some(button) = trigger.get_untracked() {
            let _ = button.focus();
        }
    };
    view! {
        <span
            class="wvm-kebab"
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" {
                    close()
                }
            }
        >
            <button
                node_ref=trigger
                class=if text.is_some() {
                    "pf-v6-c-menu-toggle"
                } else {
                    "pf-v6-c-menu-toggle pf-m-plain"
                }
                type="button"
                aria-label=label
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| {
                    if let Some(button) = trigger.get_untracked() {
                        let rect = button.get_bounding_client_rect();
                        position
                            .set(
                                format!(
                                    "top: {}px; right: {}px;",
                                    rect.bottom() + 4.0,
                                    (viewport_width() - rect.right()).max(8.0),
                                ),
                            );
                    }
                    open.update(|o| *o = !*o);
                }
            >
                {match text {
                    Some(text) => {
                        view! {
                            <span class="pf-v6-c-menu-toggle__text">{text}</span>
                            <span class="pf-v6-c-menu-toggle__controls" aria-hidden="true">
                                "▾"
                            </span>
                        }
                            .into_any()
                    }
                    None => {
                        view! {
                            <span class="wvm-kebab__icon" aria-hidden="true">
                                "⋮"
                            </span>
                        }
                            .into_any()
                    }
                }}
            </button>
            <Show when=move || open.get()>
                <div class="pf-v6-c-menu wvm-kebab__menu" style=move || position.get()>
                    <div class="pf-v6-c-menu__content">
                        <ul class="pf-v6-c-menu__list" role="menu">
                            {actions
                                .get_value()
                                .into_iter()
                                .map(|action| {
                                    view! {
                                        <li
                                            class="pf-v6-c-menu__list-item"
                                            class:pf-m-disabled=!action.enabled
                                            role="none"
                                        >
                                            <button
                                                class="pf-v6-c-menu__item"
                                                type="button"
                                                role="menuitem"
                                                disabled=!action.enabled
                                                on:click=move |_| {
                                                    open.set(false);
                                                    action.on_select.run(())
                                                }
                                            >
                                                <span class="pf-v6-c-menu__item-main">
                                                    <span class="pf-v6-c-menu__item-text">{action.label}</span>
                                                </span>
                                            </button>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </div>
                </div>
            </Show>
        </span>
    }
}

fn viewport_width() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .unwrap_or(0.0)
}
