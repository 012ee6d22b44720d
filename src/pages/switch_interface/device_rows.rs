//! The dialog's device table: one row per disk or NIC with its current interface and a
//! dropdown of the interfaces it may switch to.

use leptos::prelude::*;

use crate::components::icons::{Icon, IconKind};
use crate::logic::interface_switch::DeviceChoice;
use crate::model::{Reported, Vocabulary};

/// The rows for one kind of device, editing `choices` in place.
#[component]
pub fn DeviceRows<T: Vocabulary + Send + Sync>(
    /// "Disks" or "Network interfaces": the table's name.
    label: &'static str,
    /// Column header for the interface ("Interface" or "Model").
    column: &'static str,
    /// The buses or models offered.
    options: &'static [T],
    choices: RwSignal<Vec<DeviceChoice<T>>>,
) -> impl IntoView {
    let count = choices.with_untracked(Vec::len);
    view! {
        <table class="pf-v6-c-table pf-m-compact pf-m-grid-md wvm-switch-table" aria-label=label>
            <thead class="pf-v6-c-table__thead">
                <tr class="pf-v6-c-table__tr">
                    <th class="pf-v6-c-table__th" scope="col">
                        "Name"
                    </th>
                    <th class="pf-v6-c-table__th" scope="col">
                        "Current "
                        {column.to_lowercase()}
                    </th>
                    <th class="pf-v6-c-table__th" scope="col">
                        "New "
                        {column.to_lowercase()}
                    </th>
                </tr>
            </thead>
            <tbody class="pf-v6-c-table__tbody">
                {(0..count)
                    .map(|index| {
                        let choice = choices.with_untracked(|c| c[index].clone());
                        let select_label = format!(
                            "New {} of {}",
                            column.to_lowercase(),
                            choice.name,
                        );
                        view! {
                            <tr class="pf-v6-c-table__tr" data-device=choice.name.clone()>
                                <td class="pf-v6-c-table__td" data-label="Name">
                                    {choice.name.clone()}
                                    {choice
                                        .boots
                                        .then(|| {
                                            view! { <span class="wvm-muted">" (boot disk)"</span> }
                                        })}
                                </td>
                                <td class="pf-v6-c-table__td" data-label="Current">
                                    {choice.current.label()}
                                </td>
                                <td class="pf-v6-c-table__td" data-label="New">
                                    <span class="pf-v6-c-form-control pf-m-select wvm-switch-select">
                                        <select
                                            aria-label=select_label
                                            prop:value=move || {
                                                choices.with(|c| c[index].chosen.to_string())
                                            }
                                            on:change=move |ev| {
                                                let value = Reported::parse(&event_target_value(&ev));
                                                choices.update(|c| c[index].chosen = value);
                                            }
                                        >
                                            {options
                                                .iter()
                                                .map(|option| {
                                                    view! {
                                                        <option value=option.api_value()>{option.label()}</option>
                                                    }
                                                })
                                                .collect_view()}
                                        </select>
                                        <span class="pf-v6-c-form-control__utilities">
                                            <span class="pf-v6-c-form-control__toggle-icon">
                                                <Icon kind=IconKind::CaretDown />
                                            </span>
                                        </span>
                                    </span>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
