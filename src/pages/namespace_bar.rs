//! The bar above every page that chooses the namespace: "All namespaces" or one of them.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::api::namespaces::NamespaceNames;
use crate::components::icons::{Icon, IconKind};
use crate::logic::routes::AppRoute;

const ALL_NAMESPACES: &str = "";

/// A namespace selector that moves the current page to the chosen namespace.
#[component]
pub fn NamespaceBar(
    /// The page being shown; `None` on the not-found page.
    route: Signal<Option<AppRoute>>,
) -> impl IntoView {
    let NamespaceNames(namespaces) = NamespaceNames::expect();
    let current = move || route.get().and_then(|r| r.namespace().map(str::to_owned));
    let navigate = use_navigate();
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let namespace = (value != ALL_NAMESPACES).then_some(value);
        if let Some(chosen) = &namespace {
            crate::pages::last_namespace::save(chosen);
        }
        let target = route
            .get_untracked()
            .unwrap_or(AppRoute::VmList { namespace: None });
        navigate(&target.with_namespace(namespace).path(), Default::default());
    };
    // The options: every namespace the API lists, plus the current one even when the user may
    // not list namespaces (a 403 here must not hide where they are).
    let options = move || {
        let mut names = match namespaces.get() {
            Some(Ok(names)) => names,
            _ => Vec::new(),
        };
        if let Some(ns) = current() {
            if !names.contains(&ns) {
                names.push(ns);
                names.sort();
            }
        }
        names
    };
    let problem = move || match namespaces.get() {
        Some(Err(err)) if err.is_forbidden() => {
            Some("You may not list namespaces; showing the current one only.".to_owned())
        }
        Some(Err(err)) => Some(format!(
            "Namespaces could not be loaded: {}",
            err.user_message()
        )),
        _ => None,
    };

    view! {
        <section class="wvm-namespace-bar" aria-label="Namespace selection">
            <label class="wvm-namespace-bar__label" for="wvm-namespace-select">
                "Namespace"
            </label>
            <span class="pf-v6-c-form-control wvm-namespace-bar__select">
                <select
                    id="wvm-namespace-select"
                    on:change=on_change
                    prop:value=move || current().unwrap_or_default()
                >
                    <option value=ALL_NAMESPACES selected=move || current().is_none()>
                        "All namespaces"
                    </option>
                    <For each=options key=|name| name.clone() let:name>
                        <option
                            value=name.clone()
                            selected=move || current().as_deref() == Some(name.as_str())
                        >
                            {name.clone()}
                        </option>
                    </For>
                </select>
                <span class="pf-v6-c-form-control__utilities">
                    <span class="pf-v6-c-form-control__toggle-icon">
                        <Icon kind=IconKind::CaretDown />
                    </span>
                </span>
            </span>
            {move || {
                problem()
                    .map(|text| {
                        view! {
                            <span class="wvm-namespace-bar__problem" role="status">
                                {text}
                            </span>
                        }
                    })
            }}
        </section>
    }
}
