//! The switch's safety options: a snapshot first, where the cluster serves them, and for a
//! scheduled restart, waiting until nobody is signed in to the guest.

use leptos::prelude::*;

use crate::components::{Checkbox, FormGroup, SelectCaret};

/// "Take a snapshot first", or why there is none.
#[component]
pub fn SnapshotChoice(
    /// Whether the cluster serves VM snapshots.
    served: bool,
    #[prop(into)] checked: Signal<bool>,
    on_change: Callback<bool>,
) -> impl IntoView {
    if !served {
        return view! {
            <p class="wvm-muted wvm-switch__snapshot" data-testid="switch-no-snapshots">
                "This cluster does not serve VM snapshots (snapshot.kubevirt.io), so none can be taken first. "
                "If Windows fails to start afterwards, Revert interface on the VM's page puts the previous interfaces back."
            </p>
        }
            .into_any();
    }
    view! {
        <div class="wvm-switch__snapshot" data-testid="switch-snapshot">
            <Checkbox
                id="wvm-switch-snapshot"
                label="Take a snapshot first"
                checked
                on_change
                help="Recommended when the boot disk moves. If Windows then fails to start, Restore snapshot on the VM's page brings the VM back as it was. A scheduled restart takes it just before restarting."
            />
        </div>
    }
        .into_any()
}

/// How often to ask again whether anyone is signed in, in minutes.
const RETRY_MINUTES: [u32; 5] = [5, 10, 15, 30, 60];
/// How long to keep asking before giving up, in hours.
const GIVE_UP_HOURS: [u32; 5] = [1, 2, 4, 8, 12];

/// "Only if nobody is signed in", with how often to ask again and when to give up.
#[component]
pub fn SignOutWaitFields(
    enabled: RwSignal<bool>,
    retry_minutes: RwSignal<u32>,
    give_up_hours: RwSignal<u32>,
) -> impl IntoView {
    view! {
        <div class="wvm-schedule__sign-out" data-testid="schedule-sign-out">
            <Checkbox
                id="wvm-schedule-sign-out"
                label="Only if nobody is signed in to the guest"
                checked=enabled
                on_change=Callback::new(move |on| enabled.set(on))
                help="At the time, the Job asks the guest agent who is signed in. While anyone is (or the agent cannot be asked), it waits and asks again; if someone still is when it gives up, the VM is not restarted and its page says so. A guest whose agent is not connected counts as nobody signed in."
            />
            <Show when=move || enabled.get()>
                <div class="pf-v6-c-form wvm-schedule__when">
                    <CountSelect
                        id="wvm-schedule-retry"
                        label="Ask again every"
                        values=&RETRY_MINUTES
                        unit="minute"
                        chosen=retry_minutes
                    />
                    <CountSelect
                        id="wvm-schedule-give-up"
                        label="Give up after"
                        values=&GIVE_UP_HOURS
                        unit="hour"
                        chosen=give_up_hours
                    />
                </div>
            </Show>
        </div>
    }
}

/// A dropdown of counts of `unit` ("5 minutes").
#[component]
fn CountSelect(
    id: &'static str,
    label: &'static str,
    values: &'static [u32],
    unit: &'static str,
    chosen: RwSignal<u32>,
) -> impl IntoView {
    view! {
        <FormGroup label id>
            <span class="pf-v6-c-form-control wvm-select">
                <select
                    id=id
                    on:change=move |ev| {
                        if let Ok(value) = event_target_value(&ev).parse() {
                            chosen.set(value);
                        }
                    }
                >
                    {values
                        .iter()
                        .map(|&value| {
                            let plural = if value == 1 { "" } else { "s" };
                            view! {
                                <option
                                    value=value.to_string()
                                    selected=move || chosen.get() == value
                                >
                                    {format!("{value} {unit}{plural}")}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <SelectCaret />
            </span>
        </FormGroup>
    }
}
