//! The table of VMs: a checkbox, name, namespace, status, OS, age; only the rows on screen are
//! drawn.

use std::collections::HashMap;
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;

use crate::components::viewport::track_viewport;
use crate::components::{KebabMenu, StatusLabel};
use crate::logic::age::{absolute_utc, relative_age};
use crate::logic::restart_schedule::ScheduledRestart;
use crate::logic::row_window::{visible_rows, OVERSCAN_ROWS};
use crate::logic::vm_list_store::ListRows;
use crate::logic::vm_list_view::{SortColumn, SortOrder};
use crate::logic::vm_row_store::StoredRow;
use crate::logic::vm_selection::Selection;
use crate::pages::driver_hint_popover::DriverHintPopover;
use crate::pages::scheduled_restarts::ScheduleBadge;
use crate::pages::vm_actions::RowActions;

/// One row per VM, in the order given, of which only those near the screen exist: spacer rows
/// stand for the others, so the scroll bar and `aria-rowcount` still speak of all of them.
/// Rows are keyed by their revision, which changes only with their content, so a change to one
/// VM redraws only its row: a popover or menu open in another row stays open.
#[component]
pub fn VmTable(
    /// The rows to show (`shown`), kept from one change to the next.
    rows: Memo<ListRows>,
    /// Whether to show the namespace column (only across all namespaces).
    show_namespace: bool,
    /// The order shown; the column headers change it.
    order: RwSignal<SortOrder>,
    /// The actions each row offers.
    row_actions: RowActions,
    /// Scheduled restarts, by `namespace/name`.
    schedules: Memo<HashMap<String, ScheduledRestart>>,
    /// The rows checked for a bulk action.
    selection: RwSignal<Selection>,
) -> impl IntoView {
    let now = chrono::Utc::now();
    let base = crate::pages::links::base_path();
    let body = NodeRef::<html::Tbody>::new();
    let viewport = track_viewport(body);
    let count = Memo::new(move |_| rows.with(|r| r.shown().len()));
    let window = Memo::new(move |_| visible_rows(count.get(), &viewport.get(), OVERSCAN_ROWS));
    // Where each drawn row is in the whole list; a row keeps its element when it moves.
    let row_index = Memo::new(move |_| {
        let start = window.get().start;
        rows.with(|r| {
            drawn(r.shown(), window.get())
                .iter()
                .enumerate()
                .map(|(offset, stored)| (stored.row.key(), start + offset))
                .collect::<HashMap<_, _>>()
        })
    });
    let spacer = move |rows_hidden: usize| {
        let height = viewport.get().row_height * rows_hidden as f64;
        format!("{height}px")
    };
    let columns = if show_namespace { 8 } else { 7 };
    // Every row the filter shows, not only those drawn.
    let all_checked = Memo::new(move |_| {
        rows.with(|r| {
            // Fewer checked than shown cannot be all: no pass over the rows for that.
            if selection.with(Selection::len) < r.shown().len() {
                return false;
            }
            let keys: Vec<String> = r.shown().iter().map(|s| s.row.key()).collect();
            selection.with(|s| s.has_all(keys.iter().map(String::as_str)))
        })
    });
    let check_all = move |on: bool| {
        rows.with_untracked(|r| {
            let keys: Vec<String> = r.shown().iter().map(|s| s.row.key()).collect();
            selection.update(|s| s.set_all(keys.iter().map(String::as_str), on));
        });
    };
    view! {
        <table
            class="pf-v6-c-table pf-m-grid-md wvm-vm-table"
            aria-label="Virtual machines"
            aria-rowcount=move || count.get() + 1
        >
            <thead class="pf-v6-c-table__thead pf-m-nowrap">
                <tr class="pf-v6-c-table__tr" aria-rowindex="1">
                    <th class="pf-v6-c-table__th pf-v6-c-table__check" scope="col">
                        <label>
                            <input
                                type="checkbox"
                                aria-label=move || format!("Select all {} shown", count.get())
                                prop:checked=move || all_checked.get()
                                on:change=move |ev| check_all(event_target_checked(&ev))
                            />
                        </label>
                    </th>
                    <SortableHeader label="Name" column=SortColumn::Name order />
                    {show_namespace
                        .then(|| {
                            view! {
                                <SortableHeader
                                    label="Namespace"
                                    column=SortColumn::Namespace
                                    order
                                />
                            }
                        })}
                    <SortableHeader label="Status" column=SortColumn::Status order />
                    <SortableHeader label="Operating system" column=SortColumn::Os order />
                    <th class="pf-v6-c-table__th" scope="col">
                        "IP address"
                    </th>
                    <SortableHeader label="Created" column=SortColumn::Created order />
                    <th class="pf-v6-c-table__th pf-v6-c-table__action" scope="col">
                        <span class="pf-v6-screen-reader">"Actions"</span>
                    </th>
                </tr>
            </thead>
            <tbody class="pf-v6-c-table__tbody" node_ref=body>
                <tr
                    class="wvm-spacer-row"
                    aria-hidden="true"
                    style:height=move || spacer(window.get().start)
                >
                    <td colspan=columns></td>
                </tr>
                <For
                    each=move || rows.with(|r| drawn(r.shown(), window.get()).to_vec())
                    key=|stored| stored.revision
                    children=move |stored| {
                        let stored: Arc<StoredRow> = stored;
                        let row = &stored.row;
                        view! {
                            <tr
                                class="pf-v6-c-table__tr"
                                data-testid="vm-row"
                                data-vm=row.key()
                                aria-rowindex={
                                    let key = row.key();
                                    move || row_index.with(|index| index.get(&key).map(|i| i + 2))
                                }
                            >
                                <td class="pf-v6-c-table__td pf-v6-c-table__check">
                                    {
                                        let (key, label) = (
                                            row.key(),
                                            format!("Select {}", row.name),
                                        );
                                        let checked_key = key.clone();
                                        view! {
                                            <label>
                                                <input
                                                    type="checkbox"
                                                    aria-label=label
                                                    prop:checked=move || {
                                                        selection.with(|s| s.contains(&checked_key))
                                                    }
                                                    on:change=move |ev| {
                                                        let on = event_target_checked(&ev);
                                                        selection.update(|s| s.set(&key, on));
                                                    }
                                                />
                                            </label>
                                        }
                                    }
                                </td>
                                <td class="pf-v6-c-table__td" data-label="Name">
                                    <a
                                        class="wvm-vm-table__name"
                                        href=crate::logic::routes::with_base(
                                            &base,
                                            &row.details_path,
                                        )
                                    >
                                        {row.name.clone()}
                                    </a>
                                </td>
                                {show_namespace
                                    .then(|| {
                                        view! {
                                            <td class="pf-v6-c-table__td" data-label="Namespace">
                                                {row.namespace.clone()}
                                            </td>
                                        }
                                    })}
                                <td class="pf-v6-c-table__td" data-label="Status">
                                    <span class="wvm-vm-table__status">
                                        <StatusLabel status=row.status.clone() />
                                        {
                                            let key = row.key();
                                            move || {
                                                schedules
                                                    .with(|s| s.get(&key).cloned())
                                                    .map(|restart| view! { <ScheduleBadge restart /> })
                                            }
                                        }
                                        {row
                                            .hint
                                            .clone()
                                            .map(|hint| {
                                                view! {
                                                    <DriverHintPopover
                                                        vm_name=row.name.clone()
                                                        hint
                                                        namespace=row.namespace.clone()
                                                    />
                                                }
                                            })}
                                    </span>
                                </td>
                                <td class="pf-v6-c-table__td" data-label="Operating system">
                                    {row.os.clone()}
                                </td>
                                <td class="pf-v6-c-table__td" data-label="IP address">
                                    {row.ip.clone().unwrap_or_else(|| "—".to_owned())}
                                </td>
                                <td class="pf-v6-c-table__td" data-label="Created">
                                    {row
                                        .created
                                        .map(|t| {
                                            view! {
                                                <time datetime=t.to_rfc3339() title=absolute_utc(t)>
                                                    {relative_age(t, now)}
                                                </time>
                                            }
                                        })}
                                </td>
                                <td class="pf-v6-c-table__td pf-v6-c-table__action">
                                    <KebabMenu
                                        label=format!("Actions for {}", row.name)
                                        actions=row_actions
                                            .menu(
                                                &row.namespace,
                                                &row.name,
                                                &row.status,
                                                row.is_windows,
                                            )
                                    />
                                </td>
                            </tr>
                        }
                    }
                />
                <tr
                    class="wvm-spacer-row"
                    aria-hidden="true"
                    style:height=move || spacer(count.get().saturating_sub(window.get().end))
                >
                    <td colspan=columns></td>
                </tr>
            </tbody>
        </table>
    }
}

/// The rows in the window, never beyond the list even for a moment while both change.
fn drawn<R>(rows: &[R], window: std::ops::Range<usize>) -> &[R] {
    let end = window.end.min(rows.len());
    &rows[window.start.min(end)..end]
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
            <button
                class="pf-v6-c-table__button"
                type="button"
                on:click=move |_| order.update(|o| *o = o.clicked(column))
            >
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
