//! The Add disk, Add network interface and Add CD-ROM dialogs, shared by the create wizard and
//! the VM page. Each takes what it edits (whether the VM runs Windows, the names taken, what the
//! cluster offers, a first value) and hands the checked device to `on_submit`; the caller
//! decides what adding means (a draft change, or a patch of the VM) and when to close.

mod add_cdrom;
mod add_disk;
mod add_nic;
mod driver_banner;

pub use add_cdrom::AddCdromDialog;
pub use add_disk::AddDiskDialog;
pub use add_nic::AddNicDialog;
pub use driver_banner::DriverBanner;

use leptos::prelude::*;

use crate::components::{ErrorAlert, FormGroup, SelectCaret};
use crate::model::ObjectRef;

/// The submit of a device form: while the caller is still adding the last device nothing
/// happens; otherwise the draft is checked and handed to `on_submit`, or its problem is shown in
/// place and the draft kept as typed.
fn checked_submit<D: Clone + Send + Sync + 'static>(
    draft: RwSignal<D>,
    pending: MaybeProp<bool>,
    problem: RwSignal<Option<String>>,
    check: impl Fn(&D) -> Result<(), String> + Send + Sync + 'static,
    on_submit: Callback<D>,
) -> Callback<()> {
    Callback::new(move |()| {
        if pending.get_untracked().unwrap_or(false) {
            return;
        }
        let candidate = draft.get_untracked();
        match check(&candidate) {
            Ok(()) => on_submit.run(candidate),
            Err(message) => problem.set(Some(message)),
        }
    })
}

/// The Volume dropdown of the Add disk and Add CD-ROM dialogs: `volumes` as (value, label), the
/// `chosen` value selected, and a placeholder until one is.
#[component]
fn VolumeSelect(
    id: &'static str,
    #[prop(into)] chosen: Signal<String>,
    #[prop(into)] volumes: Signal<Vec<(String, String)>>,
    on_change: Callback<String>,
) -> impl IntoView {
    view! {
        <FormGroup id=id label="Volume" required=true>
            <span class="pf-v6-c-form-control wvm-select">
                <select
                    id=id
                    prop:value=move || chosen.get()
                    on:change=move |ev| on_change.run(event_target_value(&ev))
                >
                    <option value="" disabled=true selected=move || chosen.read().is_empty()>
                        "Choose a volume"
                    </option>
                    {move || {
                        volumes
                            .get()
                            .into_iter()
                            .map(|(value, label)| view! { <option value=value>{label}</option> })
                            .collect_view()
                    }}
                </select>
                <SelectCaret />
            </span>
        </FormGroup>
    }
}

/// What the server said when it refused the change, and the note the caller adds (on the VM
/// page: when the change applies).
#[component]
fn DialogFooterNotes(
    failure: MaybeProp<String>,
    failure_title: &'static str,
    note: Option<&'static str>,
) -> impl IntoView {
    view! {
        {note
            .map(|note| {
                view! {
                    <p class="wvm-muted" data-testid="device-dialog-note">
                        {note}
                    </p>
                }
            })}
        {move || failure.get().map(|message| view! { <ErrorAlert title=failure_title message /> })}
    }
}

/// The options of a volume dropdown as (value, label): `namespace/name` pairs.
fn volume_options(volumes: Vec<ObjectRef>) -> Vec<(String, String)> {
    volumes
        .into_iter()
        .map(|volume| {
            let value = volume.to_string();
            (value.clone(), value)
        })
        .collect()
}

/// The PVCs of `namespace` among `claims`, as dropdown options (value and label the name).
fn claims_in(claims: Vec<ObjectRef>, namespace: &str) -> Vec<(String, String)> {
    claims
        .into_iter()
        .filter(|claim| claim.namespace == namespace)
        .map(|claim| (claim.name.clone(), claim.name))
        .collect()
}

/// Splits a `namespace/name` option value.
fn split_volume(value: &str) -> (String, String) {
    value
        .split_once('/')
        .map(|(ns, name)| (ns.to_owned(), name.to_owned()))
        .unwrap_or_default()
}
