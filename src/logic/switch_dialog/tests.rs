//! Tests of the Switch interface dialog's stages: what each allows and where each event leads.

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
    assert!(dialog.submit(Plan::Save, false));
    assert!(dialog.busy());
    assert!(!dialog.can_apply(true, true));
    assert!(
        !dialog.submit(Plan::Save, false),
        "a second click sends nothing"
    );
    dialog.stored();
    dialog.finished(Ok(()));
    assert!(dialog.done());
}

#[test]
fn restart_now_is_confirmed_first_and_back_returns() {
    let mut dialog = SwitchDialog::new();
    assert!(
        !dialog.submit(Plan::SaveAndRestart, false),
        "not without the question"
    );
    dialog.ask_restart();
    assert_eq!(dialog.body(), Body::ConfirmRestart);
    assert_eq!(dialog.footer(), Footer::ConfirmRestart);
    dialog.back();
    assert_eq!(dialog.stage(), &Stage::Editing);
    dialog.ask_restart();
    assert!(dialog.submit(Plan::SaveAndRestart, false));
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
    assert!(dialog.submit(Plan::SaveAndSchedule, false));
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
    dialog.submit(Plan::SaveAndRestart, false);
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
    assert!(!dialog.submit(Plan::Save, false));
    dialog.ask_restart();
    assert!(dialog.failure().is_some(), "nothing more to choose");
}

#[test]
fn a_schedule_that_was_rolled_back_says_so() {
    let mut dialog = SwitchDialog::new();
    dialog.pick_time();
    dialog.submit(Plan::SaveAndSchedule, false);
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

#[test]
fn a_snapshot_comes_first_and_its_failure_changes_nothing() {
    let mut dialog = SwitchDialog::new();
    dialog.ask_restart();
    assert!(dialog.submit(Plan::SaveAndRestart, true));
    assert!(dialog.snapshotting() && dialog.busy());
    assert_eq!(
        dialog.body(),
        Body::ConfirmRestart,
        "the progress shows where the user was"
    );
    assert!(
        !dialog.submit(Plan::SaveAndRestart, true),
        "a second click sends nothing"
    );
    dialog.snapshot_ready();
    assert_eq!(dialog.stage(), &Stage::Saving(Plan::SaveAndRestart));

    let mut failed = SwitchDialog::new();
    failed.submit(Plan::Save, true);
    let error = PatchError::SnapshotFailed(
        crate::api::workflows::snapshots::SnapshotError::Failed("no volume snapshot class".into()),
    );
    failed.finished(Err(Failure::of(&error, "windows-dev")));
    let failure = failed.failure().unwrap();
    assert!(!failure.saved);
    assert!(
        failure.message.contains("no volume snapshot class"),
        "{}",
        failure.message
    );
    assert_eq!(failed.footer(), Footer::Choices, "the user may try again");
}
