//! The frame around every page: masthead, navigation and the namespace bar.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::namespace_bar::NamespaceBar;
use crate::components::icons::{Icon, IconKind};
use crate::context::try_use_config;
use crate::logic::routes::strip_base;
use crate::logic::routes::AppRoute;
use crate::pages::links::{base_path, href};

/// Masthead with the product name, side navigation, namespace bar, and the page itself.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let location = use_location();
    let base = base_path();
    let route = Memo::new(move |_| AppRoute::parse(strip_base(&base, &location.pathname.get())));
    let namespace = move || route.get().and_then(|r| r.namespace().map(str::to_owned));
    let list_href = move || {
        href(&AppRoute::VmList {
            namespace: namespace(),
        })
    };
    let create_href = move || {
        href(&AppRoute::CreateVm {
            namespace: namespace(),
        })
    };
    let on_list = move || {
        matches!(
            route.get(),
            Some(AppRoute::VmList { .. } | AppRoute::VmDetails { .. })
        )
    };
    let on_create = move || matches!(route.get(), Some(AppRoute::CreateVm { .. }));
    // A console in a window of its own shows only the console.
    let bare = move || matches!(route.get(), Some(AppRoute::VmConsole { .. }));
    // The sidebar starts open where PatternFly shows it beside the page (75rem and wider) and
    // closed on narrow screens, where it would cover the page.
    let sidebar_open = RwSignal::new(viewport_is_wide());
    let close_on_narrow = move |_| {
        if !viewport_is_wide() {
            sidebar_open.set(false);
        }
    };

    // Inside the console, its masthead and navigation frame the page already.
    let embedded = try_use_config().is_some_and(|config| config.embedded);
    if embedded {
        return view! {
            <div class="wvm-embedded" class:wvm-page--bare=bare>
                <main id="wvm-main" tabindex="-1">
                    <NamespaceBar route=route.into() />
                    {children()}
                </main>
            </div>
        }
        .into_any();
    }
    view! {
        <div class="pf-v6-c-page wvm-page" class:wvm-page--bare=bare>
            <div class="pf-v6-c-skip-to-content">
                <a class="pf-v6-c-button pf-m-primary" href="#wvm-main">
                    "Skip to content"
                </a>
            </div>
            <header class="pf-v6-c-masthead pf-m-display-inline wvm-masthead">
                <div class="pf-v6-c-masthead__main">
                    <span class="pf-v6-c-masthead__toggle">
                        <button
                            class="pf-v6-c-button pf-m-hamburger pf-m-plain"
                            type="button"
                            aria-label="Global navigation"
                            aria-controls="wvm-sidebar"
                            aria-expanded=move || sidebar_open.get().to_string()
                            on:click=move |_| sidebar_open.update(|open| *open = !*open)
                        >
                            <span class="pf-v6-c-button__icon">
                                <HamburgerIcon />
                            </span>
                        </button>
                    </span>
                    <div class="pf-v6-c-masthead__brand">
                        <a
                            class="pf-v6-c-masthead__logo wvm-brand"
                            href=href(
                                &AppRoute::VmList {
                                    namespace: None,
                                },
                            )
                        >
                            <span class="wvm-brand__icon">
                                <Icon kind=IconKind::Desktop />
                            </span>
                            <span class="wvm-brand__name">"Windows VMs"</span>
                        </a>
                    </div>
                </div>
                <div class="pf-v6-c-masthead__content">
                    <span class="wvm-masthead__tagline">
                        "Windows virtual machines on KubeVirt"
                    </span>
                </div>
            </header>
            <div
                id="wvm-sidebar"
                class="pf-v6-c-page__sidebar"
                class:pf-m-expanded=move || sidebar_open.get()
                class:pf-m-collapsed=move || !sidebar_open.get()
            >
                <div class="pf-v6-c-page__sidebar-body">
                    <nav class="pf-v6-c-nav" aria-label="Global" on:click=close_on_narrow>
                        <ul class="pf-v6-c-nav__list" role="list">
                            <NavItem
                                href=Signal::derive(list_href)
                                current=Signal::derive(on_list)
                                label="Virtual machines"
                            />
                            <NavItem
                                href=Signal::derive(create_href)
                                current=Signal::derive(on_create)
                                label="Create"
                            />
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
    .into_any()
}

/// PatternFly's animated hamburger icon.
#[component]
fn HamburgerIcon() -> impl IntoView {
    view! {
        <svg
            viewBox="0 0 10 10"
            class="pf-v6-c-button--hamburger-icon pf-v6-svg"
            width="1em"
            height="1em"
            aria-hidden="true"
        >
            <path class="pf-v6-c-button--hamburger-icon--top" d="M1,1 L9,1"></path>
            <path class="pf-v6-c-button--hamburger-icon--middle" d="M1,5 L9,5"></path>
            <path class="pf-v6-c-button--hamburger-icon--arrow" d="M1,5 L1,5 L1,5"></path>
            <path class="pf-v6-c-button--hamburger-icon--bottom" d="M9,9 L1,9"></path>
        </svg>
    }
}

/// Whether the window is as wide as PatternFly's `xl` breakpoint (75rem at 16px).
fn viewport_is_wide() -> bool {
    const XL_BREAKPOINT_PX: f64 = 1200.0;
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .is_some_and(|width| width >= XL_BREAKPOINT_PX)
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
