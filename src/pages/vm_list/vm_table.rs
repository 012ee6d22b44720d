//! The table of VMs: name, namespace, status, OS, age.

use leptos::prelude::*;

use super::driver_hint_popover::DriverHintPopover;
use crate::components::StatusLabel;
use crate::logic::age::{absolute_utc, relative_age};
use crate::logic::vm_list::VmRow;

/// One row per VM, in the order given.
#[component]
pub fn VmTable(
    /// The rows to show.
    rows: Vec<VmRow>,
    /// Whether to show the namespace column (only across all namespaces).
    show_namespace: bool,
) -> impl IntoView {
    let now = chrono::Utc::now();
    view! {
        <table class="pf-v6-c-table pf-m-grid-md wvm-vm-table" aria-label="Virtual machines">
            <thead class="pf-v6-c-table__thead">
                <tr class="pf-v6-c-table__tr">
                    <th class="pf-v6-c-table__th" scope="col">"Name"</th>
                    {show_namespace.then(|| view! { <th class="pf-v6-c-table__th" scope="col">"Namespace"</th> })}
                    <th class="pf-v6-c-table__th" scope="col">"Status"</th>
                    <th class="pf-v6-c-table__th" scope="col">"Operating system"</th>
                    <th class="pf-v6-c-table__th" scope="col">"IP address"</th>
                    <th class="pf-v6-c-table__th" scope="col">"Created"</th>
                </tr>
            </thead>
            <tbody class="pf-v6-c-table__tbody">
                {rows.into_iter().map(|row| view! {
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
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
