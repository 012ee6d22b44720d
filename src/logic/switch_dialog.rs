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
            PatchError::SnapshotFailed(err) => Self {
                title: "Could not take the snapshot, so nothing was changed".to_owned(),
                message: format!(
                    "{} Try again, or clear \"Take a snapshot first\" to switch without one.",
                    err.user_message()
                ),
                saved: false,
                rolled_back: false,
            },
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
    /// A snapshot of the VM is being taken before the switch is saved.
    Snapshotting(Plan),
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
            Stage::Snapshotting(_) | Stage::Saving(_) | Stage::Restarting | Stage::Scheduling
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
            Stage::ConfirmingRestart
            | Stage::Snapshotting(Plan::SaveAndRestart)
            | Stage::Saving(Plan::SaveAndRestart)
            | Stage::Restarting => Body::ConfirmRestart,
            Stage::PickingTime
            | Stage::Snapshotting(Plan::SaveAndSchedule)
            | Stage::Saving(Plan::SaveAndSchedule)
            | Stage::Scheduling => Body::Schedule,
            Stage::Editing
            | Stage::Snapshotting(Plan::Save)
            | Stage::Saving(Plan::Save)
            | Stage::Failed(_)
            | Stage::Done => Body::Choices,
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

    /// Whether a snapshot is being taken (its progress is shown).
    pub fn snapshotting(&self) -> bool {
        matches!(self.stage, Stage::Snapshotting(_))
    }

    /// Starts applying, with a snapshot first when `snapshot_first`; `false` (and nothing
    /// changes) when the plan does not fit the stage or a request is already on its way, so a
    /// double click sends once.
    pub fn submit(&mut self, plan: Plan, snapshot_first: bool) -> bool {
        let fits = match (&self.stage, plan) {
            (Stage::Editing, Plan::Save) => true,
            (Stage::Failed(failure), Plan::Save) => !failure.saved,
            (Stage::ConfirmingRestart, Plan::SaveAndRestart) => true,
            (Stage::PickingTime, Plan::SaveAndSchedule) => true,
            _ => false,
        };
        if fits {
            self.stage = if snapshot_first {
                Stage::Snapshotting(plan)
            } else {
                Stage::Saving(plan)
            };
        }
        fits
    }

    /// The snapshot is ready; the switch is saved next.
    pub fn snapshot_ready(&mut self) {
        if let Stage::Snapshotting(plan) = self.stage {
            self.stage = Stage::Saving(plan);
        }
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
mod tests;
