//! The VM's snapshots on its page: each with its age, size and state, Restore for a ready one
//! and Delete (asked first). Shown only where the cluster serves snapshots and the VM has some.

use chrono::Utc;
use leptos::prelude::*;

use super::restore::SnapshotRestore;
use std::time::Duration;

use crate::api::polled::Polled;
use crate::api::workflows::snapshots::delete_snapshot;
use crate::api::{Api, ListParams};
use crate::components::{Button, ButtonVariant, ConfirmModal, ErrorAlert, Mutation, TableHead};
use crate::context::use_client;
use crate::logic::age::{absolute_utc, relative_age};
use crate::logic::snapshots::{size_label, snapshot_rows, SnapshotRow, SnapshotState};
use crate::model::{ObjectRef, VirtualMachineSnapshot, VirtualMachineSnapshotContent};

const COLUMNS: [&str; 4] = ["Name", "Taken", "Size", "State"];

#[component]
pub fn SnapshotList(namespace: String, vm: String, restore: SnapshotRestore) -> impl IntoView {
    let client = use_client();
    // Read every few seconds: watches are scarce, and a snapshot takes a while anyway.
    let listed = Polled::new(Duration::from_secs(3), {
        let (client, namespace) = (client.clone(), namespace.clone());
        move || {
            let (client, namespace) = (client.clone(), namespace.clone());
            async move {
                let all = ListParams::default();
                let (snapshots, _) = Api::<VirtualMachineSnapshot>::namespaced(&client, &namespace)
                    .list(&all)
                    .await?;
                let (contents, _) =
                    Api::<VirtualMachineSnapshotContent>::namespaced(&client, &namespace)
                        .list(&all)
                        .await?;
                Ok((snapshots, contents))
            }
        }
    });
    let rows = Memo::new(move |_| {
        listed.with(|l| {
            l.and_then(|l| l.as_ref().ok())
                .map(|(snapshots, contents)| snapshot_rows(&vm, snapshots, contents))
        })
    });
    let asked_delete = RwSignal::new(None::<String>);
    let delete = Mutation::new(move |name: String| {
        let (client, snapshot) = (client.clone(), ObjectRef::new(&namespace, &name));
        async move {
            delete_snapshot(&client, &snapshot)
                .await
                .map_err(|e| e.user_message())
        }
    });
    move || {
        let rows = rows.get().filter(|rows| !rows.is_empty())?;
        Some(view! {
            <section
                class="pf-v6-c-page__main-section"
                aria-labelledby="wvm-snapshots-title"
                data-testid="snapshots"
            >
                <h2 class="pf-v6-c-title pf-m-lg" id="wvm-snapshots-title">
                    "Snapshots"
                </h2>
                <table class="pf-v6-c-table pf-m-grid-md pf-m-compact" aria-label="Snapshots">
                    <TableHead columns=&COLUMNS actions=true />
                    <tbody class="pf-v6-c-table__tbody">
                        {rows
                            .into_iter()
                            .map(|row| view! { <SnapshotRowView row restore asked_delete /> })
                            .collect_view()}
                    </tbody>
                </table>
                {move || {
                    delete
                        .error()
                        .map(|message| {
                            view! { <ErrorAlert title="Could not delete the snapshot" message /> }
                        })
                }}
                {move || {
                    asked_delete
                        .get()
                        .map(|name| {
                            view! {
                                <ConfirmModal
                                    title="Delete the snapshot?"
                                    confirm_label="Delete"
                                    danger=true
                                    pending=delete.pending()
                                    on_confirm=Callback::new({
                                        let name = name.clone();
                                        move |()| {
                                            asked_delete.set(None);
                                            delete.dispatch(name.clone());
                                        }
                                    })
                                    on_cancel=Callback::new(move |()| asked_delete.set(None))
                                >
                                    <p>
                                        {format!(
                                            "The snapshot {name} and its copies of the disks are deleted. The VM itself is not touched.",
                                        )}
                                    </p>
                                </ConfirmModal>
                            }
                        })
                }}
            </section>
        })
    }
}

#[component]
fn SnapshotRowView(
    row: SnapshotRow,
    restore: SnapshotRestore,
    asked_delete: RwSignal<Option<String>>,
) -> impl IntoView {
    let (taken, exact) = row.taken.map_or_else(
        || ("not yet".to_owned(), String::new()),
        |t| (relative_age(t, Utc::now()), absolute_utc(t)),
    );
    let size = row.size_mib.map_or_else(|| "—".to_owned(), size_label);
    let ready = row.state == SnapshotState::Ready;
    let (restore_name, delete_name) = (row.name.clone(), row.name.clone());
    view! {
        <tr class="pf-v6-c-table__tr" data-testid="snapshot-row">
            <td class="pf-v6-c-table__td" data-label="Name">
                {row.name.clone()}
            </td>
            <td class="pf-v6-c-table__td" data-label="Taken" title=exact>
                {taken}
            </td>
            <td class="pf-v6-c-table__td" data-label="Size">
                {size}
            </td>
            <td class="pf-v6-c-table__td" data-label="State">
                {row.state.label()}
            </td>
            <td class="pf-v6-c-table__td wvm-device-actions" data-label="Actions">
                <Button
                    variant=ButtonVariant::Secondary
                    small=true
                    disabled=Signal::derive(move || !ready || restore.pending().get())
                    on_click=Callback::new(move |()| restore.ask(restore_name.clone()))
                >
                    "Restore"
                </Button>
                <Button
                    variant=ButtonVariant::Link
                    small=true
                    on_click=Callback::new(move |()| asked_delete.set(Some(delete_name.clone())))
                >
                    "Delete"
                </Button>
            </td>
        </tr>
    }
}
