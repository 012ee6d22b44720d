//! The table of VMs: name, namespace, status, OS, age.

use leptos::prelude::*;

use crate::components::{KebabMenu, StatusLabel};
use crate::logic::age::{absolute_utc, relative_age};
use crate::logic::vm_list::VmRow;
use crate::logic::vm_list_view::{SortColumn, SortOrder};
use crate::pages::driver_hint_popover::DriverHintPopover;
use crate::pages::vm_actions::RowActions;

/// One row per VM, in the order given. Rows are keyed by their content, so a change to one VM
/// redraws only its row: a popover or menu open in another row stays open.
#[component]
pub fn VmTable(
    /// The rows to show.
    #[prop(into)]
    rows: Signal<Vec<VmRow>>,
    /// Whether to show the namespace column (only across all namespaces).
    show_namespace: bool,
    /// The order shown; the column headers change it.
    order: RwSignal<SortOrder>,
    /// The actions each row offers.
    row_actions: RowActions,
) -> impl IntoView {
    let now = chrono::Utc::now();
    view! {
        <table class="pf-v6-c-table pf-m-grid-md wvm-vm-table" aria-label="Virtual machines">
            <thead class="pf-v6-c-table__thead pf-m-nowrap">
                <tr class="pf-v6-c-table__tr">
                    <SortableHeader label="Name" column=SortColumn::Name order />
                    {show_namespace.then(|| view! { <SortableHeader label="Namespace" column=SortColumn::Namespace order /> })}
                    <SortableHeader label="Status" column=SortColumn::Status order />
                    <SortableHeader label="Operating system" column=SortColumn::Os order />
                    <th class="pf-v6-c-table__th" scope="col">"IP address"</th>
                    <SortableHeader label="Created" column=SortColumn::Created order />
                    <th class="pf-v6-c-table__th pf-v6-c-table__action" scope="col"><span class="pf-v6-screen-reader">"Actions"</span></th>
                </tr>
            </thead>
            <tbody class="pf-v6-c-table__tbody">
                <For each=move || rows.get() key=|row| format!("{row:?}") let:row>
                    <tr class="pf-v6-c-table__tr" data-testid="vm-row" data-vm=row.key()>
                        <td class="pf-v6-c-table__td" data-label="Name">
                            <a class="wvm-vm-table__name" href=row.details_path.clone()>{row.name.clone()}</a>
                        </td>
                        {show_namespace.then(|| view! {
                            <td class="pf-v6-c-table__td" data-label="Namespace">{row.namespace.clone()}</td>
                        })}
                        <td class="pf-v6-c-table__td" data-label="Status">
                            <span class="wvm-vm-table__status">
                                <StatusLabel status=row.status.clone() />
                                {row.hint.clone().map(|hint| view! {
                                    <DriverHintPopover vm_name=row.name.clone() hint switch_href=row.details_path.clone() />
                                })}
                            </span>
                        </td>
                        <td class="pf-v6-c-table__td" data-label="Operating system">{row.os.clone()}</td>
                        <td class="pf-v6-c-table__td" data-label="IP address">{row.ip.clone().unwrap_or_else(|| "—".to_owned())}</td>
                        <td class="pf-v6-c-table__td" data-label="Created">
                            {row.created.map(|t| view! {
                                <time datetime=t.to_rfc3339() title=absolute_utc(t)>{relative_age(t, now)}</time>
                            })}
                        </td>
                        <td class="pf-v6-c-table__td pf-v6-c-table__action">
                            <KebabMenu label=format!("Actions for {}", row.name) actions=row_actions.menu(&row.namespace, &row.name, &row.status) />
                        </td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
}

/// A column header that sorts by its column when clicked, and says how it sorts.
#[component]
fn SortableHeader(
    label: &'static str,
    column: SortColumn,
    order: RwSignal<SortOrder>,
) -> impl IntoView {
    let active = move || order.get().column == column;
    view! {
        <th
            class="pf-v6-c-table__th pf-v6-c-table__sort"
            class:pf-m-selected=active
            scope="col"
            aria-sort=move || if active() { order.get().direction.aria() } else { "none" }
        >
            <button class="pf-v6-c-table__button" type="button" on:click=move |_| order.update(|o| *o = o.clicked(column))>
                <div class="pf-v6-c-table__button-content">
                    <span class="pf-v6-c-table__text">{label}</span>
                    <span class="pf-v6-c-table__sort-indicator" aria-hidden="true">
                        {move || match (active(), order.get().direction.aria()) {
                            (false, _) => "↕",
                            (true, "ascending") => "↑",
                            (true, _) => "↓",
                        }}
                    </span>
                </div>
            </button>
        </th>
    }
}
