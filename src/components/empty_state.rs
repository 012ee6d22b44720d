//! PatternFly's empty state: an icon, a title, a sentence and optional actions.

use leptos::prelude::*;

use super::icons::{Icon, IconKind};

/// A deliberate "nothing here" panel.
#[component]
pub fn EmptyState(
    /// Icon above the title.
    icon: IconKind,
    /// One short line.
    #[prop(into)]
    title: String,
    /// What it means and what to do.
    #[prop(into)]
    body: String,
    /// Buttons or links offered.
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="pf-v6-c-empty-state" data-testid="empty-state">
            <div class="pf-v6-c-empty-state__content">
                <div class="pf-v6-c-empty-state__header">
                    <div class="pf-v6-c-empty-state__icon">
                        <Icon kind=icon />
                    </div>
                    <div class="pf-v6-c-empty-state__title">
                        <h2 class="pf-v6-c-empty-state__title-text">{title}</h2>
                    </div>
                </div>
                <div class="pf-v6-c-empty-state__body">{body}</div>
                {children
                    .map(|children| {
                        view! {
                            <div class="pf-v6-c-empty-state__footer">
                                <div class="pf-v6-c-empty-state__actions">{children()}</div>
                            </div>
                        }
                    })}
            </div>
        </div>
    }
}
