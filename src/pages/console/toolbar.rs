//! The VNC console's controls: Send key, Paste (text typed as keystrokes in the guest's
//! layout), the guest keyboard layout (remembered in this browser), the screen's size, and
//! Open in new window.

use leptos::prelude::*;

use crate::api::client::sleep_ms;
use crate::components::{Button, ButtonVariant};
use crate::components::{FormModal, KebabMenu, MenuAction};
use crate::logic::console::{Connection, Scale, LAYOUT_STORAGE_KEY};
use crate::logic::rfb::layouts::type_text;
use crate::logic::rfb::{KeyAction, Layout, SendKey};

/// Key actions sent together before a pause while typing: a guest drops keys that arrive
/// faster than its keyboard buffer drains.
const TYPING_BATCH: usize = 8;
const TYPING_PAUSE_MS: i32 = 15;

/// The Send key menu: key combinations a browser would keep for itself.
#[component]
pub fn SendKeyMenu(on_send: Callback<Vec<KeyAction>>) -> impl IntoView {
    let actions = SendKey::ALL
        .into_iter()
        .map(|key| MenuAction {
            label: key.label(),
            enabled: true,
            on_select: Callback::new(move |_| on_send.run(key.actions())),
        })
        .collect();
    view! { <KebabMenu label="Send key" text="Send key" actions /> }
}

/// Paste: a dialog whose text is typed into the guest, key by key, for the chosen layout.
#[component]
pub fn PasteText(
    layout: RwSignal<Layout>,
    on_type: Callback<Vec<KeyAction>>,
    connected: Signal<Connection>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let typing = RwSignal::new(false);
    let untypable = move || {
        let typed = type_text(layout.get(), &text.get());
        (!typed.untypable.is_empty()).then(|| {
            let chars: String = typed.untypable.iter().collect();
            format!(
                "The {} layout cannot type these characters; they will be left out: {chars}",
                layout.get().label()
            )
        })
    };
    let submit = Callback::new(move |_| {
        if typing.get_untracked() || connected.get_untracked() != Connection::Connected {
            return;
        }
        let actions = type_text(layout.get_untracked(), &text.get_untracked()).actions;
        typing.set(true);
        leptos::task::spawn_local(async move {
            for batch in actions.chunks(TYPING_BATCH) {
                on_type.run(batch.to_vec());
                sleep_ms(TYPING_PAUSE_MS).await;
            }
            typing.try_set(false);
            open.try_set(false);
            text.try_set(String::new());
        });
    });
    view! {
        <Button
            variant=ButtonVariant::Secondary
            on_click=Callback::new(move |_| open.set(true))
            disabled=Signal::derive(move || connected.get() != Connection::Connected)
        >
            "Paste text"
        </Button>
        <Show when=move || open.get()>
            <FormModal
                title="Paste text"
                title_id="wvm-paste-title"
                submit_label="Type into the VM"
                on_submit=submit
                on_cancel=Callback::new(move |_| open.set(false))
            >
                <div class="pf-v6-c-form__group">
                    <label class="pf-v6-c-form__label" for="wvm-paste-text">
                        <span class="pf-v6-c-form__label-text">"Text to type"</span>
                    </label>
                    <span class="pf-v6-c-form-control pf-m-textarea">
                        <textarea
                            id="wvm-paste-text"
                            rows="4"
                            aria-describedby="wvm-paste-help"
                            prop:value=move || text.get()
                            on:input=move |ev| text.set(event_target_value(&ev))
                        ></textarea>
                    </span>
                    <p class="pf-v6-c-helper-text" id="wvm-paste-help">
                        {move || {
                            format!(
                                "Typed as key presses for a guest set to {}. Nothing is kept.",
                                layout.get().label(),
                            )
                        }}
                    </p>
                    {move || {
                        untypable()
                            .map(|warning| {
                                view! {
                                    <p
                                        class="pf-v6-c-helper-text wvm-text-warning"
                                        data-testid="paste-untypable"
                                    >
                                        {warning}
                                    </p>
                                }
                            })
                    }}
                    <Show when=move || typing.get()>
                        <p class="pf-v6-c-helper-text" role="status">
                            "Typing…"
                        </p>
                    </Show>
                </div>
            </FormModal>
        </Show>
    }
}

/// The guest's keyboard layout, for Paste; kept in this browser.
#[component]
pub fn LayoutSelect(layout: RwSignal<Layout>) -> impl IntoView {
    view! {
        <label class="wvm-console__field">
            <span>"Guest keyboard"</span>
            <span class="pf-v6-c-form-control">
                <select
                    data-testid="console-layout"
                    on:change=move |ev| {
                        if let Some(chosen) = Layout::from_id(&event_target_value(&ev)) {
                            layout.set(chosen);
                            remember_layout(chosen);
                        }
                    }
                >
                    {Layout::ALL
                        .into_iter()
                        .map(|option| {
                            view! {
                                <option value=option.id() selected=move || layout.get() == option>
                                    {option.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </span>
        </label>
    }
}

/// Fit to the page or one guest pixel per pixel.
#[component]
pub fn ScaleSelect(scale: RwSignal<Scale>) -> impl IntoView {
    view! {
        <label class="wvm-console__field">
            <span>"Size"</span>
            <span class="pf-v6-c-form-control">
                <select
                    data-testid="console-scale"
                    on:change=move |ev| {
                        scale
                            .set(
                                if event_target_value(&ev) == "actual" {
                                    Scale::Actual
                                } else {
                                    Scale::Fit
                                },
                            )
                    }
                >
                    <option value="fit" selected=move || scale.get() == Scale::Fit>
                        "Fit to window"
                    </option>
                    <option value="actual" selected=move || scale.get() == Scale::Actual>
                        "Actual size (1:1)"
                    </option>
                </select>
            </span>
        </label>
    }
}

/// "Open in new window", where the console is not in a window of its own already.
#[component]
pub fn NewWindowLink(href: Option<String>) -> impl IntoView {
    href.map(|href| {
        view! {
            <a
                class="pf-v6-c-button pf-m-link wvm-console__new-window"
                href=href
                target="_blank"
                rel="noopener"
            >
                "Open in new window"
            </a>
        }
    })
}

/// The layout chosen last in this browser, US English at first.
pub fn stored_layout() -> Layout {
    storage()
        .and_then(|s| s.get_item(LAYOUT_STORAGE_KEY).ok().flatten())
        .and_then(|id| Layout::from_id(&id))
        .unwrap_or(Layout::Us)
}

fn remember_layout(layout: Layout) {
    // Storage may be full or disabled: the choice then lasts only while the page is open.
    if let Some(storage) = storage() {
        let _ = storage.set_item(LAYOUT_STORAGE_KEY, layout.id());
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
