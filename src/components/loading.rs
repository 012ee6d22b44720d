//! Placeholder rows shown while a table loads, so the page does not jump when data arrives.

use leptos::prelude::*;

/// Skeleton rows with a screen-reader announcement.
#[component]
pub fn LoadingRows(
    /// What is loading, read out to screen readers ("Loading virtual machines").
    #[prop(into)]
    label: String,
    /// How many placeholder rows.
    #[prop(default = 5)]
    rows: usize,
) -> impl IntoView {
    view! {
        <div class="wvm-loading" role="status" aria-live="polite" data-testid="loading">
            <span class="pf-v6-screen-reader">{label}</span>
            {(0..rows)
                .map(|_| {
                    view! {
                        <div class="pf-v6-c-skeleton wvm-loading__row" aria-hidden="true"></div>
                    }
                })
                .collect_view()}
        </div>
    }
}
