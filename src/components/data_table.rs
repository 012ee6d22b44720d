//! A plain read-only table in PatternFly's markup: a header row and rows of text cells, each
//! cell labelled with its column so the table stacks into cards on narrow screens.

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
                </tr>
            </thead>
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
