//! The page for an address the app does not know.

use leptos::prelude::*;

use crate::components::icons::IconKind;
use crate::components::{ButtonLink, EmptyState};
use crate::logic::routes::AppRoute;
use crate::pages::links::href;

/// "Page not found", with a way back to the VM list.
#[component]
pub fn NotFound() -> impl IntoView {
    let home = href(&AppRoute::VmList { namespace: None });
    view! {
        <section class="pf-v6-c-page__main-section" data-testid="not-found">
            <EmptyState
                icon=IconKind::Search
                title="Page not found"
                body="There is nothing at this address. It may have been mistyped, or the page may have moved."
            >
                <ButtonLink href=home>"Go to virtual machines"</ButtonLink>
            </EmptyState>
        </section>
    }
}
