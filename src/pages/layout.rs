//! The frame around every page: masthead, navigation and the namespace bar.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::namespace_bar::NamespaceBar;
use crate::components::icons::{Icon, IconKind};
use crate::logic::routes::AppRoute;

/// Masthead with the product name, side navigation, namespace bar, and the page itself.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let location = use_location();
    let route = Memo::new(move |_| AppRoute::parse(&location.pathname.get()));
    let namespace = move || route.get().and_then(|r| r.namespace().map(str::to_owned));
    let list_href = move || AppRoute::VmList { namespace: namespace() }.path();
    let create_href = move || AppRoute::CreateVm { namespace: namespace() }.path();
    let on_list = move || matches!(route.get(), Some(AppRoute::VmList { .. } | AppRoute::VmDetails { .. }));
    let on_create = move || matches!(route.get(), Some(AppRoute::CreateVm { .. }));

    view! {
        <div class="pf-v6-c-page wvm-page">
            <a class="pf-v6-c-skip-to-content pf-v6-c-button pf-m-primary" href="#wvm-main">"Skip to content"</a>
            <header class="pf-v6-c-masthead wvm-masthead">
                <div class="pf-v6-c-masthead__main">
                    <div class="pf-v6-c-masthead__brand">
                        <a class="pf-v6-c-masthead__logo wvm-brand" href="/vms">
                            <span class="wvm-brand__icon"><Icon kind=IconKind::Desktop /></span>
                            <span class="wvm-brand__name">"Windows VMs"</span>
                        </a>
                    </div>
                </div>
                <div class="pf-v6-c-masthead__content">
                    <span class="wvm-masthead__tagline">"Windows virtual machines on KubeVirt"</span>
                </div>
            </header>
            <div class="pf-v6-c-page__sidebar">
                <div class="pf-v6-c-page__sidebar-body">
                    <nav class="pf-v6-c-nav" aria-label="Global">
                        <ul class="pf-v6-c-nav__list" role="list">
                            <NavItem href=Signal::derive(list_href) current=Signal::derive(on_list) label="Virtual machines" />
                            <NavItem href=Signal::derive(create_href) current=Signal::derive(on_create) label="Create" />
                        </ul>
                    </nav>
                </div>
            </div>
            <div class="pf-v6-c-page__main-container">
                <main class="pf-v6-c-page__main" id="wvm-main" tabindex="-1">
                    <NamespaceBar route=route.into() />
                    {children()}
                </main>
            </div>
        </div>
    }
}

/// One entry of the side navigation.
#[component]
fn NavItem(
    /// Where it leads.
    href: Signal<String>,
    /// Whether it is the page being shown.
    current: Signal<bool>,
    /// Its text.
    label: &'static str,
) -> impl IntoView {
    view! {
        <li class="pf-v6-c-nav__item">
            <a
                href=href
                class="pf-v6-c-nav__link"
                class:pf-m-current=current
                aria-current=move || current.get().then_some("page")
            >
                <span class="pf-v6-c-nav__link-text">{label}</span>
            </a>
        </li>
    }
}
