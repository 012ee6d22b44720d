//! The Switch interface dialog's stages as a state machine: editing the choices, confirming a
//! restart now, picking a time, saving, restarting or scheduling after the save, failed
//! (with or without the switch saved, the half-made schedule rolled back or not), and done.
//! The component renders what this says and forwards the user's clicks and the workflow's
//! progress; every rule about what may happen when lives here.

use crate::api::workflows::PatchError;
use crate::logic::interface_switch::SwitchProblem;

/// How the user applies the switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    /// At the next restart; the VM shows "Restart required" until then.
    Save,
    /// Save, then restart the VM now.
    SaveAndRestart,
    /// Save, then schedule the restart in the cluster.
    SaveAndSchedule,
}

/// Why applying failed, in words, and what is left.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub title: String,
    pub message: String,
    /// Whether the switch itself was stored (then it applies at the next restart).
    pub saved: bool,
    /// Whether a half-made schedule was removed again.
    pub rolled_back: bool,
}

impl Failure {
    /// The switch could not be built from the choices.
    pub fn nothing_to_save(problem: &SwitchProblem) -> Self {
        Self {
            title: "Nothing to save".to_owned(),
            message: problem.to_string(),
            saved: false,
            rolled_back: false,
        }
    }

    /// A failed workflow step, for a VM in `namespace`.
    pub fn of(error: &PatchError, namespace: &str) -> Self {
        let saved = |title: &str, message: String| Self {
            title: title.to_owned(),
            message: format!("The switch applies at the next restart. {message}"),
            saved: true,
            rolled_back: false,
        };
        match error {
            PatchError::NotSaved(err) => Self {
                title: "Could not save the switch".to_owned(),
                message: err.user_message(),
                saved: false,
                rolled_back: false,
            },
            PatchError::RestartFailed(err) => {
                saved("Saved, but the restart failed", err.user_message())
            }
            PatchError::ScheduleFailed(err) => Self {
                rolled_back: err.rolled_back,
                ..saved(
                    "Saved, but the restart could not be scheduled",
                    err.user_message(namespace),
                )
            },
        }
    }
}

/// Where the dialog is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Choosing the interfaces.
    Editing,
    /// Asked to confirm restarting the VM now.
    ConfirmingRestart,
    /// Choosing when the VM restarts.
    PickingTime,
    /// The switch is being saved; the plan says what follows.
    Saving(Plan),
    /// Saved; the VM is being restarted.
    Restarting,
    /// Saved; the restart is being scheduled.
    Scheduling,
    /// Something failed; shown over the choices.
    Failed(Failure),
    /// Applied as asked: the dialog closes.
    Done,
}

/// What the dialog's body shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    /// The device tables (and the boot disk confirmation).
    Choices,
    /// The restart-now question.
    ConfirmRestart,
    /// The date, time and note of a scheduled restart.
    Schedule,
}

/// Which buttons the footer offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Footer {
    /// Save, Save and restart now, Save and schedule…, Cancel.
    Choices,
    /// Save and restart, Back.
    ConfirmRestart,
    /// Save and schedule, Back.
    Schedule,
    /// Only Close: the switch is saved, there is nothing left to choose.
    Close,
}

/// The dialog's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SwitchDialog {
    stage: Stage,
}

impl Default for SwitchDialog {
    fn default() -> Self {
        Self::new()
    }
}

impl SwitchDialog {
    pub fn new() -> Self {
        Self {
            stage: Stage::Editing,
        }
    }

    pub fn stage(&self) -> &Stage {
        &self.stage
    }

    /// Whether the user may still change what to apply: nothing saved, nothing in flight.
    fn choosing(&self) -> bool {
        match &self.stage {
            Stage::Editing | Stage::ConfirmingRestart | Stage::PickingTime => true,
            Stage::Failed(failure) => !failure.saved,
            _ => false,
        }
    }

    /// Whether a request is on its way (buttons that send are disabled).
    pub fn busy(&self) -> bool {
        matches!(
            self.stage,
            Stage::Saving(_) | Stage::Restarting | Stage::Scheduling
        )
    }

    /// Whether the switch is stored.
    pub fn saved(&self) -> bool {
        match &self.stage {
            Stage::Restarting | Stage::Scheduling | Stage::Done => true,
            Stage::Failed(failure) => failure.saved,
            _ => false,
        }
    }

    /// The failure to show, if any.
    pub fn failure(&self) -> Option<&Failure> {
        match &self.stage {
            Stage::Failed(failure) => Some(failure),
            _ => None,
        }
    }

    /// Whether the dialog should close.
    pub fn done(&self) -> bool {
        self.stage == Stage::Done
    }

    pub fn body(&self) -> Body {
        match &self.stage {
            Stage::ConfirmingRestart | Stage::Saving(Plan::SaveAndRestart) | Stage::Restarting => {
                Body::ConfirmRestart
            }
            Stage::PickingTime | Stage::Saving(Plan::SaveAndSchedule) | Stage::Scheduling => {
                Body::Schedule
            }
            Stage::Editing | Stage::Saving(Plan::Save) | Stage::Failed(_) | Stage::Done => {
                Body::Choices
            }
        }
    }

    pub fn footer(&self) -> Footer {
        if self.saved() {
            return Footer::Close;
        }
        match self.body() {
            Body::Choices => Footer::Choices,
            Body::ConfirmRestart => Footer::ConfirmRestart,
            Body::Schedule => Footer::Schedule,
        }
    }

    /// Whether the choices can be applied: something changed, the boot disk move (if any) is
    /// confirmed, and the dialog is not busy or done.
    pub fn can_apply(&self, changed: bool, boot_confirmed: bool) -> bool {
        self.choosing() && changed && boot_confirmed
    }

    /// "Save and restart now": asks first.
    pub fn ask_restart(&mut self) {
        if self.choosing() && self.body() == Body::Choices {
            self.stage = Stage::ConfirmingRestart;
        }
    }

    /// "Save and schedule…": asks when.
    pub fn pick_time(&mut self) {
        if self.choosing() && self.body() == Body::Choices {
            self.stage = Stage::PickingTime;
        }
    }

    /// "Back" to the choices.
    pub fn back(&mut self) {
        if matches!(self.stage, Stage::ConfirmingRestart | Stage::PickingTime) {
            self.stage = Stage::Editing;
        }
    }

    /// Starts applying; `false` (and nothing changes) when the plan does not fit the stage or
    /// a request is already on its way, so a double click sends once.
    pub fn submit(&mut self, plan: Plan) -> bool {
        let fits = match (&self.stage, plan) {
            (Stage::Editing, Plan::Save) => true,
            (Stage::Failed(failure), Plan::Save) => !failure.saved,
            (Stage::ConfirmingRestart, Plan::SaveAndRestart) => true,
            (Stage::PickingTime, Plan::SaveAndSchedule) => true,
            _ => false,
        };
        if fits {
            self.stage = Stage::Saving(plan);
        }
        fits
    }

    /// The switch is stored; its follow-up starts.
    pub fn stored(&mut self) {
        if let Stage::Saving(plan) = self.stage {
            self.stage = match plan {
                Plan::Save => Stage::Saving(Plan::Save),
                Plan::SaveAndRestart => Stage::Restarting,
                Plan::SaveAndSchedule => Stage::Scheduling,
            };
        }
    }

    /// The workflow ended.
    pub fn finished(&mut self, outcome: Result<(), Failure>) {
        if !self.busy() {
            return;
        }
        self.stage = match outcome {
            Ok(()) => Stage::Done,
            Err(failure) => Stage::Failed(failure),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::workflows::schedule::{ScheduleError, ScheduleProblem};
    use crate::api::ApiError;

    fn conflict() -> ApiError {
        ApiError::from_response(
            422,
            r#"{"kind":"Status","code":422,"reason":"Invalid","message":"test failed"}"#,
        )
    }

    #[test]
    fn save_goes_straight_to_done() {
        let mut dialog = SwitchDialog::new();
        assert_eq!(dialog.footer(), Footer::Choices);
        assert!(dialog.can_apply(true, true));
        assert!(!dialog.can_apply(false, true), "nothing changed");
        assert!(
            !dialog.can_apply(true, false),
            "boot disk move not confirmed"
        );
        assert!(dialog.submit(Plan::Save));
        assert!(dialog.busy());
        assert!(!dialog.can_apply(true, true));
        assert!(!dialog.submit(Plan::Save), "a second click sends nothing");
        dialog.stored();
        dialog.finished(Ok(()));
        assert!(dialog.done());
    }

    #[test]
    fn restart_now_is_confirmed_first_and_back_returns() {
        let mut dialog = SwitchDialog::new();
        assert!(
            !dialog.submit(Plan::SaveAndRestart),
            "not without the question"
        );
        dialog.ask_restart();
        assert_eq!(dialog.body(), Body::ConfirmRestart);
        assert_eq!(dialog.footer(), Footer::ConfirmRestart);
        dialog.back();
        assert_eq!(dialog.stage(), &Stage::Editing);
        dialog.ask_restart();
        assert!(dialog.submit(Plan::SaveAndRestart));
        assert_eq!(dialog.footer(), Footer::ConfirmRestart);
        dialog.stored();
        assert_eq!(dialog.stage(), &Stage::Restarting);
        assert!(dialog.busy() && dialog.saved());
        assert_eq!(dialog.footer(), Footer::Close, "once saved, only Close");
        dialog.finished(Ok(()));
        assert!(dialog.done());
    }

    #[test]
    fn a_refused_save_returns_to_the_choices_with_the_reason() {
        let mut dialog = SwitchDialog::new();
        dialog.pick_time();
        assert_eq!(dialog.body(), Body::Schedule);
        assert!(dialog.submit(Plan::SaveAndSchedule));
        dialog.finished(Err(Failure::of(&PatchError::NotSaved(conflict()), "dev")));
        let failure = dialog.failure().cloned().unwrap();
        assert_eq!(failure.title, "Could not save the switch");
        assert!(!failure.saved);
        assert_eq!(dialog.body(), Body::Choices);
        assert_eq!(dialog.footer(), Footer::Choices);
        assert!(dialog.can_apply(true, true), "the user may try again");
        dialog.ask_restart();
        assert_eq!(
            dialog.failure(),
            None,
            "asking again puts the failure aside"
        );
    }

    #[test]
    fn a_failed_restart_after_the_save_leaves_only_close() {
        let mut dialog = SwitchDialog::new();
        dialog.ask_restart();
        dialog.submit(Plan::SaveAndRestart);
        dialog.stored();
        dialog.finished(Err(Failure::of(
            &PatchError::RestartFailed(ApiError::Timeout(30)),
            "dev",
        )));
        let failure = dialog.failure().unwrap();
        assert_eq!(failure.title, "Saved, but the restart failed");
        assert!(failure
            .message
            .starts_with("The switch applies at the next restart."));
        assert_eq!(dialog.footer(), Footer::Close);
        assert!(!dialog.can_apply(true, true));
        assert!(!dialog.submit(Plan::Save));
        dialog.ask_restart();
        assert!(dialog.failure().is_some(), "nothing more to choose");
    }

    #[test]
    fn a_schedule_that_was_rolled_back_says_so() {
        let mut dialog = SwitchDialog::new();
        dialog.pick_time();
        dialog.submit(Plan::SaveAndSchedule);
        dialog.stored();
        assert_eq!(dialog.stage(), &Stage::Scheduling);
        let error = ScheduleError {
            kind: "Role",
            name: "restart-win".into(),
            problem: ScheduleProblem::Taken,
            left_behind: None,
            rolled_back: true,
        };
        dialog.finished(Err(Failure::of(&PatchError::ScheduleFailed(error), "dev")));
        let failure = dialog.failure().unwrap();
        assert!(failure.saved && failure.rolled_back);
        assert_eq!(
            failure.title,
            "Saved, but the restart could not be scheduled"
        );
        assert!(failure
            .message
            .contains("A Role named restart-win already exists"));
    }

    #[test]
    fn nothing_to_save_is_a_failure_before_any_request() {
        let failure = Failure::nothing_to_save(&SwitchProblem::NothingChanged);
        assert_eq!(failure.title, "Nothing to save");
        assert!(!failure.saved);
        let mut dialog = SwitchDialog::new();
        dialog.finished(Err(failure));
        assert_eq!(
            dialog.stage(),
            &Stage::Editing,
            "only a request in flight ends"
        );
    }
}
