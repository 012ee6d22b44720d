//! The schedule step of the dialog: date and time in the user's zone, the same time in UTC,
//! problems (a past time, an hour the clocks skip) in place, and an optional note.

use leptos::prelude::*;

use crate::components::FormGroup;
use crate::logic::schedule_time::{utc_label, ResolvedTime, ScheduleProblem};

#[component]
pub fn ScheduleFields(
    date: RwSignal<String>,
    time: RwSignal<String>,
    note: RwSignal<String>,
    /// The user's time zone name.
    zone: String,
    /// The typed time, checked.
    #[prop(into)]
    checked: Signal<Result<ResolvedTime, ScheduleProblem>>,
) -> impl IntoView {
    let problem = move || checked.get().err().map(|p| p.to_string());
    view! {
        <div class="wvm-schedule" data-testid="switch-schedule">
            <p>
                "The switch is saved now. The VM restarts at the time you choose, even with this page closed: "
                "a CronJob in the VM's namespace runs the restart once, then removes itself."
            </p>
            <div class="pf-v6-c-form wvm-schedule__when">
                <FormGroup label="Date" id="wvm-schedule-date" required=true>
                    <span class="pf-v6-c-form-control" class:pf-m-error=move || problem().is_some()>
                        <input
                            type="date"
                            id="wvm-schedule-date"
                            prop:value=move || date.get()
                            aria-invalid=move || problem().is_some().to_string()
                            aria-describedby="wvm-schedule-help"
                            on:input=move |ev| date.set(event_target_value(&ev))
                        />
                    </span>
                </FormGroup>
                <FormGroup label="Time" id="wvm-schedule-time" required=true>
                    <span class="pf-v6-c-form-control" class:pf-m-error=move || problem().is_some()>
                        <input
                            type="time"
                            id="wvm-schedule-time"
                            prop:value=move || time.get()
                            aria-invalid=move || problem().is_some().to_string()
                            aria-describedby="wvm-schedule-help"
                            on:input=move |ev| time.set(event_target_value(&ev))
                        />
                    </span>
                </FormGroup>
            </div>
            <div class="pf-v6-c-helper-text" id="wvm-schedule-help" aria-live="polite">
                {move || match checked.get() {
                    Ok(resolved) => {
                        view! {
                            <div class="pf-v6-c-helper-text__item">
                                <span
                                    class="pf-v6-c-helper-text__item-text"
                                    data-testid="schedule-utc"
                                >
                                    {format!(
                                        "Time zone {zone}: that is {}.",
                                        utc_label(resolved.utc),
                                    )}
                                    {resolved
                                        .ambiguous
                                        .then_some(
                                            " This time happens twice as the clocks go back; the first is used.",
                                        )}
                                </span>
                            </div>
                        }
                            .into_any()
                    }
                    Err(problem) => {
                        view! {
                            <div class="pf-v6-c-helper-text__item pf-m-error">
                                <span
                                    class="pf-v6-c-helper-text__item-text"
                                    data-testid="schedule-problem"
                                >
                                    {problem.to_string()}
                                </span>
                            </div>
                        }
                            .into_any()
                    }
                }}
            </div>
            <FormGroup label="Note (optional)" id="wvm-schedule-note">
                <span class="pf-v6-c-form-control pf-m-textarea">
                    <textarea
                        id="wvm-schedule-note"
                        rows="2"
                        maxlength="500"
                        prop:value=move || note.get()
                        placeholder="Why, or who to tell"
                        on:input=move |ev| note.set(event_target_value(&ev))
                    ></textarea>
                </span>
            </FormGroup>
        </div>
    }
}
