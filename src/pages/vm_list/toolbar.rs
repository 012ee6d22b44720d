//! The toolbar above the VM list: filter by name and by status, export what shows as CSV, and
//! how many rows show.

use leptos::prelude::*;

use crate::components::icons::{Icon, IconKind};
use crate::components::{Button, ButtonVariant};
use crate::logic::vm_list_view::{RowFilter, STATUS_FILTERS};

/// Filter inputs bound to `filter`, and the count of rows shown.
#[component]
pub fn ListToolbar(
    /// The filter the inputs edit.
    filter: RwSignal<RowFilter>,
    /// Rows shown after filtering.
    #[prop(into)]
    shown: Signal<usize>,
    /// Rows before filtering.
    #[prop(into)]
    total: Signal<usize>,
    /// Saves the rows shown as CSV.
    on_export: Callback<()>,
) -> impl IntoView {
    let status_value = move || {
        filter
            .read()
            .status
            .and_then(|kind| STATUS_FILTERS.iter().position(|(k, _)| *k == kind))
            .map(|i| i.to_string())
            .unwrap_or_default()
    };
    let on_status = move |ev: leptos::ev::Event| {
        let chosen = event_target_value(&ev)
            .parse::<usize>()
            .ok()
            .and_then(|i| STATUS_FILTERS.get(i));
        filter.update(|f| f.status = chosen.map(|(kind, _)| *kind));
    };
    view! {
        <div class="wvm-toolbar" role="search" aria-label="Filter virtual machines">
            <div class="wvm-toolbar__content">
                <span class="pf-v6-c-form-control wvm-toolbar__name">
                    <input
                        type="search"
                        placeholder="Filter by name"
                        aria-label="Filter by name"
                        prop:value=move || filter.read().name.clone()
                        on:input=move |ev| filter.update(|f| f.name = event_target_value(&ev))
                    />
                </span>
                <span class="pf-v6-c-form-control wvm-toolbar__status">
                    <select
                        aria-label="Filter by status"
                        prop:value=status_value
                        on:change=on_status
                    >
                        <option value="">"All statuses"</option>
                        {STATUS_FILTERS
                            .iter()
                            .enumerate()
                            .map(|(i, (_, label))| {
                                view! { <option value=i.to_string()>{*label}</option> }
                            })
                            .collect_view()}
                    </select>
                    <span class="pf-v6-c-form-control__utilities">
                        <span class="pf-v6-c-form-control__toggle-icon">
                            <Icon kind=IconKind::CaretDown />
                        </span>
                    </span>
                </span>
                <Button variant=ButtonVariant::Link small=true on_click=on_export>
                    "Export CSV"
                </Button>
                <span class="wvm-toolbar__count" role="status" data-testid="row-count">
                    {move || {
                        let (shown, total) = (shown.get(), total.get());
                        if shown == total {
                            format!("{total} virtual machines")
                        } else {
                            format!("{shown} of {total} virtual machines")
                        }
                    }}
                </span>
            </div>
        </div>
    }
}
