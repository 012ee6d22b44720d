//! A plain read-only table in PatternFly's markup: a header row and rows of text cells, each
//! cell labelled with its column so the table stacks into cards on narrow screens; and the
//! header row alone, for tables whose rows hold more than text.

use leptos::prelude::*;

/// Rows of text under column headers.
#[component]
pub fn DataTable(
    /// Accessible name of the table.
    label: &'static str,
    /// Column titles.
    columns: &'static [&'static str],
    /// One `Vec` of cell texts per row, in column order.
    rows: Vec<Vec<String>>,
) -> impl IntoView {
    view! {
        <table class="pf-v6-c-table pf-m-grid-md pf-m-compact" aria-label=label>
            <TableHead columns />
            <tbody class="pf-v6-c-table__tbody">
                {rows
                    .into_iter()
                    .map(|cells| {
                        view! {
                            <tr class="pf-v6-c-table__tr">
                                {cells
                                    .into_iter()
                                    .zip(columns.iter())
                                    .map(|(text, column)| {
                                        view! {
                                            <td class="pf-v6-c-table__td" data-label=*column>
                                                {text}
                                            </td>
                                        }
                                    })
                                    .collect_view()}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

/// A table's header row: the column titles and, with `actions`, a last column for each row's
/// buttons, named for screen readers only.
#[component]
pub fn TableHead(
    columns: &'static [&'static str],
    #[prop(optional)] actions: bool,
) -> impl IntoView {
    view! {
        <thead class="pf-v6-c-table__thead pf-m-nowrap">
            <tr class="pf-v6-c-table__tr">
                {columns
                    .iter()
                    .map(|c| {
                        view! {
                            <th class="pf-v6-c-table__th" scope="col">
                                {*c}
                            </th>
                        }
                    })
                    .collect_view()}
                {actions
                    .then(|| {
                        view! {
                            <th class="pf-v6-c-table__th" scope="col">
                                <span class="pf-v6-screen-reader">"Actions"</span>
                            </th>
                        }
                    })}
            </tr>
        </thead>
    }
}
